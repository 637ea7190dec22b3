/**
 * A field's blur runs after the pointer press that caused it, not in the middle of it.
 *
 * A press moves focus when the button goes down, so a field left by a press on Save is
 * blurred before the release. What the blur shows (the field's error line, longer than the
 * room kept for it) could move Save out from under the pointer, and the release would land
 * on nothing: no click, no submit. Held back until the click is over, the blur changes the
 * layout only after it. A field left by the keyboard runs its blur at once.
 */

let pressing = false;
let waiting: (() => void)[] = [];

function runWaiting() {
  pressing = false;
  const run = waiting;
  waiting = [];
  for (const blur of run) blur();
}

/** After the release: once the click it makes (dispatched in the same task) has run. */
function released() {
  if (pressing) setTimeout(runWaiting, 0);
}

if (typeof window !== 'undefined') {
  const capture = { capture: true, passive: true };
  window.addEventListener(
    'pointerdown',
    (event) => {
      if (event.isPrimary) pressing = true;
    },
    capture,
  );
  window.addEventListener('pointerup', released, capture);
  window.addEventListener('pointercancel', released, capture);
  window.addEventListener('dragend', released, capture);
  // A release the page never hears of (outside the window, in a select's open list): the
  // next key, a choice from a list or leaving the window ends the wait instead. (Not any
  // change: a text field's change fires as the press blurs it.)
  window.addEventListener('keydown', runWaiting, capture);
  window.addEventListener(
    'change',
    (event) => {
      if (event.target instanceof HTMLSelectElement) runWaiting();
    },
    capture,
  );
  window.addEventListener('blur', runWaiting);
}

/** Wraps a control's onBlur so that it runs once any pointer press in progress is over. */
export function afterPress(onBlur: (() => void) | undefined): (() => void) | undefined {
  if (!onBlur) return undefined;
  return () => {
    if (pressing) waiting.push(onBlur);
    else onBlur();
  };
}
