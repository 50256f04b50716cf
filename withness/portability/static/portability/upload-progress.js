// Shows how much of a large file has been sent, while htmx uploads it.
(function () {
  "use strict";
  document.addEventListener("htmx:xhr:progress", function (event) {
    var status = document.getElementById("upload-status");
    var bar = document.getElementById("upload-progress");
    var words = document.getElementById("upload-words");
    if (!status || !bar || !event.detail.lengthComputable) { return; }
    status.hidden = false;
    var percent = Math.round((event.detail.loaded / event.detail.total) * 100);
    bar.value = percent;
    words.textContent = percent < 100 ? percent + "% sent" : "Sent. Reading the file…";
  });
})();
