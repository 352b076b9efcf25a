import { MarkHydrated } from "./mark-hydrated";

/*
 * Until React has hydrated a part of the page, its buttons have no handlers: a click on
 * "Create key" would do nothing, and Enter in the sign-in form would submit it natively, as a
 * GET with the password in the address. This inline script, running before anything is drawn,
 * holds such a click or submission and hands it over once the root has committed (MarkHydrated sets window.__keyhouseHydrated)
 * and React has attached its handlers to that element, which may hydrate later, inside a
 * Suspense boundary (React marks a hydrated element with a "__reactProps$" property; there is
 * no public signal for it), plus a frame for that part to commit. Buttons that work without script (a popover's "…", a submit button,
 * whose form is held instead, a form with its own action) are left to the browser.
 */
const HOLD_UNTIL_HYDRATED = `(() => {
  const live = (el) => window.__keyhouseHydrated === true && Object.keys(el).some((key) => key.startsWith("__reactProps$"));
  const whenLive = (el) =>
    new Promise((resolve) => {
      let frames = 0;
      const check = () =>
        !el.isConnected || live(el) || ++frames > 600 ? requestAnimationFrame(() => resolve(el.isConnected)) : requestAnimationFrame(check);
      check();
    });
  let queue = Promise.resolve();
  let waiting = 0;
  // A held action handed over (or, after 10 s without React, sent anyway) is not held again.
  let replaying = false;
  const replay = (act) => {
    replaying = true;
    try {
      act();
    } finally {
      replaying = false;
    }
  };
  const hold = (event, el, act) => {
    event.preventDefault();
    event.stopPropagation();
    waiting++;
    document.documentElement.style.cursor = "progress";
    queue = queue.then(async () => {
      if (await whenLive(el)) replay(act);
      if (--waiting === 0) document.documentElement.style.cursor = "";
    });
  };
  document.addEventListener("click", (event) => {
    const button = event.target.closest && event.target.closest("button:not([popovertarget])");
    if (replaying || !button || live(button) || (button.form && button.type === "submit")) return;
    hold(event, button, () => button.click());
  }, true);
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (replaying || live(form) || form.hasAttribute("action")) return;
    const submitter = event.submitter && event.submitter.form === form ? event.submitter : undefined;
    hold(event, form, () => form.requestSubmit(submitter));
  }, true);
})();`;

export function EarlyClicks() {
  return (
    <>
      <script dangerouslySetInnerHTML={{ __html: HOLD_UNTIL_HYDRATED }} />
      <MarkHydrated />
    </>
  );
}
