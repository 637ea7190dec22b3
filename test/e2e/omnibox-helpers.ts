// The address bar, driven inside the service worker: headless Chromium has no address bar to
// type into, so its events are fired there (chrome.omnibox.*.dispatch) and the listeners the
// extension registered at start answer them.
import type { ExtensionHarness } from './harness';

export interface Suggestion {
  content: string;
  description: string;
}

// Minimal typing for the `chrome` global inside the service worker.
declare const chrome: {
  omnibox: {
    setDefaultSuggestion(suggestion: { description: string }): void;
    onInputStarted: { dispatch(): void };
    onInputChanged: { dispatch(text: string, suggest: (suggestions: Suggestion[]) => void): void };
  };
};

/** Types `text` after the keyword, as the address bar would, and returns what the extension offered. */
export async function typeInAddressBar(
  harness: ExtensionHarness,
  text: string,
): Promise<{ first: string; suggestions: Suggestion[] }> {
  return harness.serviceWorker.evaluate(async (typed) => {
    // Put back as it was after the test: the same function on the same object, so unbound is fine.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const original = chrome.omnibox.setDefaultSuggestion;
    let first = '';
    chrome.omnibox.setDefaultSuggestion = (suggestion) => (first = suggestion.description);
    try {
      chrome.omnibox.onInputStarted.dispatch();
      const suggestions = await new Promise<Suggestion[]>((done) =>
        chrome.omnibox.onInputChanged.dispatch(typed, done),
      );
      return { first, suggestions };
    } finally {
      chrome.omnibox.setDefaultSuggestion = original;
    }
  }, text);
}
