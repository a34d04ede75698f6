// Progressive enhancement only: every journey works without this file.
import { initAll } from "./govuk-frontend.min.js";
import { startTimeoutWarning } from "./timeout-warning.js";

initAll();

// GOV.UK Frontend marks a radio that reveals a follow-up question with aria-expanded.
// ARIA allows that on checkboxes but not on radios (axe reports it as a critical
// violation, and GOV.UK lists it as a known issue). The revealed question comes straight
// after its radio in reading and tab order, so we drop the attribute wherever it is set.
function dropRadioExpanded(root) {
  for (const radio of root.querySelectorAll('input[type="radio"][aria-expanded]')) {
    radio.removeAttribute("aria-expanded");
  }
}
dropRadioExpanded(document);
new MutationObserver(() => dropRadioExpanded(document)).observe(document.body, {
  attributes: true,
  attributeFilter: ["aria-expanded"],
  subtree: true,
});
const dialog = document.querySelector('[data-module="fc-timeout-warning"]');
if (dialog) {
  startTimeoutWarning(dialog);
}

// The print button needs JavaScript, so it is hidden until this runs.
for (const button of document.querySelectorAll('[data-module="fc-print"]')) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
