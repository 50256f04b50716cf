// Shows each slider's number beside it, and keeps it up to date as the slider moves.
(function () {
  "use strict";
  function follow(output) {
    var input = document.getElementById(output.getAttribute("for"));
    if (!input) { return; }
    output.textContent = input.value;  // an empty slider rests in the middle
    input.addEventListener("input", function () { output.textContent = input.value; });
  }
  function start(root) { root.querySelectorAll("output.slider-value").forEach(follow); }
  document.addEventListener("DOMContentLoaded", function () { start(document); });
  document.addEventListener("htmx:load", function (event) { start(event.target); });
})();
