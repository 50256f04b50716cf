// Time zone, progressively enhanced. Without this script the select still works.
// data-time-zone="guess": on a new account, swap the UTC default for this device's zone.
// data-time-zone="offer": in settings, offer a button when this device's zone differs.
(function () {
  "use strict";
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (error) {
    return;
  }
  if (!zone) return;

  function hasOption(select) {
    return Array.prototype.some.call(select.options, function (option) {
      return option.value === zone;
    });
  }

  document.querySelectorAll("select[data-time-zone]").forEach(function (select) {
    if (!hasOption(select) || select.value === zone) return;
    if (select.dataset.timeZone === "guess") {
      if (select.value === "UTC") select.value = zone;
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button-quiet button-small";
    button.textContent = "Use this device’s time zone (" + zone.replace(/_/g, " ") + ")";
    button.addEventListener("click", function () {
      select.value = zone;
      select.focus();
      button.remove();
    });
    var wrap = document.createElement("p");
    wrap.appendChild(button);
    select.insertAdjacentElement("afterend", wrap);
  });
})();
