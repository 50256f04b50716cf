// Turns each two-slider state fieldset into one pad: tap or drag to place the dot,
// or use the arrow keys (left/right: pleasantness, up/down: energy; shift for bigger steps).
// The two range inputs stay in the form and carry the values, so nothing depends on this script.
(function () {
  "use strict";

  function regionWords(p, e) {
    if (p >= 1) { return e > 7 ? "bright and lively" : e < 3.5 ? "calm and low-key" : "settled and open"; }
    if (p <= -1) { return e >= 6 ? "revved up / on guard" : e <= 4 ? "shut down / flat" : "uneasy"; }
    return "somewhere in between";
  }

  function clamp(value, low, high) { return Math.min(high, Math.max(low, value)); }
  function toStep(value) { return Math.round(value * 2) / 2; }
  function signed(value) { return (value > 0 ? "+" : "") + value; }

  function enhance(fieldset) {
    var pleasant = fieldset.querySelector("input[name='" + fieldset.dataset.pleasant + "']");
    var energy = fieldset.querySelector("input[name='" + fieldset.dataset.energy + "']");
    var wrap = fieldset.querySelector(".state-pad-wrap");
    var pad = fieldset.querySelector(".state-pad");
    var dot = fieldset.querySelector(".pad-dot");
    var output = fieldset.querySelector("output");
    if (!pleasant || !energy || !pad) { return; }

    function render() {
      var p = parseFloat(pleasant.value), e = parseFloat(energy.value);
      dot.style.left = ((p + 5) / 10 * 100) + "%";
      dot.style.top = ((10 - e) / 10 * 100) + "%";
      var words = regionWords(p, e);
      output.textContent = words;
      pad.setAttribute("aria-valuenow", String(p));
      pad.setAttribute("aria-valuetext", words + ": pleasant " + signed(p) + ", energy " + e + " of 10");
    }

    function set(p, e) {
      pleasant.value = String(clamp(toStep(p), -5, 5));
      energy.value = String(clamp(toStep(e), 0, 10));
      render();
    }

    function fromPointer(event) {
      var box = pad.getBoundingClientRect();
      var x = clamp((event.clientX - box.left) / box.width, 0, 1);
      var y = clamp((event.clientY - box.top) / box.height, 0, 1);
      set(x * 10 - 5, (1 - y) * 10);
    }

    pad.addEventListener("pointerdown", function (event) {
      pad.setPointerCapture(event.pointerId);
      pad.focus();
      fromPointer(event);
    });
    pad.addEventListener("pointermove", function (event) {
      if (pad.hasPointerCapture(event.pointerId)) { fromPointer(event); }
    });
    pad.addEventListener("keydown", function (event) {
      var step = event.shiftKey ? 2 : 0.5;
      var p = parseFloat(pleasant.value), e = parseFloat(energy.value);
      var moves = {
        ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step],
        PageUp: [0, 2], PageDown: [0, -2]
      };
      if (event.key === "Home") { set(0, 5); event.preventDefault(); return; }
      var move = moves[event.key];
      if (!move) { return; }
      event.preventDefault();
      set(p + move[0], e + move[1]);
    });
    pleasant.addEventListener("input", render);
    energy.addEventListener("input", render);

    wrap.hidden = false;
    fieldset.classList.add("js-pad");
    render();
  }

  function enhanceAll(root) {
    root.querySelectorAll(".state-input:not(.js-pad)").forEach(enhance);
  }

  document.addEventListener("DOMContentLoaded", function () { enhanceAll(document); });
  document.addEventListener("htmx:load", function (event) { enhanceAll(event.target); });
}());
