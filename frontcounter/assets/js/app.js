// Progressive enhancement only: every journey works without this file.
import { initAll } from "./govuk-frontend.min.js";
import { startTimeoutWarning } from "./timeout-warning.js";

initAll();
const dialog = document.querySelector('[data-module="fc-timeout-warning"]');
if (dialog) {
  startTimeoutWarning(dialog);
}
