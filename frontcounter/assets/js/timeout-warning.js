// The GOV.UK timeout-warning pattern: warn before the draft's idle timeout, let the person
// keep their answers with one keyboard-reachable button, and say what happened if time runs out.

const MINUTE = 60 * 1000;

export function startTimeoutWarning(dialog) {
  if (typeof dialog.showModal !== "function") {
    return; // old browser: the person can still continue, answers are saved on every page
  }
  const timeoutMs = Number(dialog.dataset.timeoutMinutes) * MINUTE;
  const warningMs = Number(dialog.dataset.warningMinutes) * MINUTE;
  const announcement = dialog.querySelector("[data-timeout-announcement]");
  const continueButton = dialog.querySelector("[data-timeout-continue]");
  let warnTimer;
  let expireTimer;
  let returnFocusTo = null;

  function schedule() {
    window.clearTimeout(warnTimer);
    window.clearTimeout(expireTimer);
    warnTimer = window.setTimeout(warn, Math.max(timeoutMs - warningMs, 0));
    expireTimer = window.setTimeout(expire, timeoutMs);
  }

  function warn() {
    returnFocusTo = document.activeElement;
    dialog.showModal();
    continueButton.focus();
    announcement.textContent = dialog.querySelector("#timeout-warning-message").textContent;
  }

  function expire() {
    window.location.href = dialog.dataset.expiredUrl;
  }

  async function keepAnswers() {
    try {
      const response = await fetch(dialog.dataset.keepAliveUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": dialog.dataset.csrfToken },
      });
      if (!response.ok) {
        expire();
        return;
      }
    } catch (error) {
      // Offline for a moment: keep the page; the next save will tell.
    }
    dialog.close();
    if (returnFocusTo && typeof returnFocusTo.focus === "function") {
      returnFocusTo.focus();
    }
    schedule();
  }

  continueButton.addEventListener("click", keepAnswers);
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault(); // Escape means "continue", as in the GOV.UK pattern
    keepAnswers();
  });
  schedule();
}
