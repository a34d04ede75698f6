// Progressive enhancement only: every journey works without this file.
import { initAll } from "./govuk-frontend.min.js";
import { startTimeoutWarning } from "./timeout-warning.js";

initAll();
const dialog = document.querySelector('[data-module="fc-timeout-warning"]');
if (dialog) {
  startTimeoutWarning(dialog);
}

// The print button needs JavaScript, so it is hidden until this runs.
for (const button of document.querySelectorAll('[data-module="fc-print"]')) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
