// A "Copy" button beside something shown only once (an API token, the recovery code).
// The button is hidden in the page and shown here only where the clipboard can be written;
// without this script the text is still there, read-only, to select and copy by hand.
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) return;
  var SHOWN_FOR = 2000; // ms that the button says "Copied"

  function textOf(target) {
    var text = "value" in target ? target.value : target.textContent;
    return text.trim();
  }

  function select(target) {
    if (typeof target.select === "function") {
      target.select();
      return;
    }
    var range = document.createRange();
    range.selectNodeContents(target);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function start(button) {
    var target = document.getElementById(button.getAttribute("data-copy"));
    if (!target) return;
    var label = button.querySelector(".copy-label") || button;
    var idle = label.textContent;
    // Said aloud by screen readers; a button's changing name often isn't.
    var status = document.createElement("span");
    status.className = "copy-status visually-hidden";
    status.setAttribute("role", "status");
    button.insertAdjacentElement("afterend", status);
    var timer;

    button.addEventListener("click", function () {
      navigator.clipboard.writeText(textOf(target)).then(
        function () {
          label.textContent = "Copied";
          status.className = "copy-status visually-hidden";
          status.textContent = "Copied.";
          clearTimeout(timer);
          timer = setTimeout(function () {
            label.textContent = idle;
            status.textContent = "";
          }, SHOWN_FOR);
        },
        function () {
          select(target);
          status.className = "copy-status small muted";
          status.textContent = "This browser didn’t allow copying. It’s selected: copy it by hand.";
        }
      );
    });
    if (typeof target.select === "function") {
      target.addEventListener("focus", function () { target.select(); });
    }
    button.hidden = false;
  }

  document.querySelectorAll("button[data-copy]").forEach(start);
})();
