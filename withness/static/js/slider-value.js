// Shows each slider's number beside it, and keeps it up to date as the slider moves.
// htmx fires htmx:load on the body at start as well as DOMContentLoaded, so each output is
// marked once it is followed and never given a second listener.
(function () {
  "use strict";
  function follow(output) {
    var input = document.getElementById(output.getAttribute("for"));
    if (!input) { return; }
    output.dataset.following = "";
    output.textContent = input.value;  // an empty slider rests in the middle
    input.addEventListener("input", function () { output.textContent = input.value; });
  }
  function start(root) { root.querySelectorAll("output.slider-value:not([data-following])").forEach(follow); }
  document.addEventListener("DOMContentLoaded", function () { start(document); });
  document.addEventListener("htmx:load", function (event) { start(event.target); });
})();
