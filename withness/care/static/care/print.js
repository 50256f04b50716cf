// The print view's Print button: shown only when script runs, since it needs window.print().
document.addEventListener("DOMContentLoaded", () => {
  const button = document.querySelector(".print-button");
  if (!button) return;
  button.hidden = false;
  document.querySelector(".print-hint")?.setAttribute("hidden", "");
  button.addEventListener("click", () => window.print());
});
