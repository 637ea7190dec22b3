import { browser } from 'wxt/browser';

/** Where the browser asks for the chosen address to open (Enter, Alt+Enter, Shift+Enter...). */
export type OmniboxDisposition = 'currentTab' | 'newForegroundTab' | 'newBackgroundTab';

/** A piece of a suggestion's description. Chrome styles the pieces; Firefox shows plain text. */
export interface DescriptionPart {
  text: string;
  style?: 'match' | 'dim' | 'url' | undefined;
}

export interface OmniboxSuggestion {
  /** What the address bar holds, and what `entered` receives, when this suggestion is picked. */
  content: string;
  description: DescriptionPart[];
}

export interface OmniboxAnswer {
  /** The first line: what Enter on the typed text does. */
  typed: DescriptionPart[];
  suggestions: OmniboxSuggestion[];
}

/** What the extension does with the address bar keyword; written and tested without a browser. */
export interface OmniboxHandlers {
  started(): void;
  changed(text: string): Promise<OmniboxAnswer>;
  entered(text: string, disposition: OmniboxDisposition): Promise<void>;
  cancelled(): void;
}

type Listen<Callback> = { addListener(callback: Callback): void };

/** The part of the browser's omnibox API this adapter uses: small enough to fake in tests. */
export interface OmniboxApi {
  setDefaultSuggestion(suggestion: { description: string }): void;
  onInputStarted: Listen<() => void>;
  onInputChanged: Listen<
    (text: string, suggest: (results: { content: string; description: string }[]) => void) => void
  >;
  onInputEntered: Listen<(text: string, disposition: OmniboxDisposition) => void>;
  onInputCancelled: Listen<() => void>;
}

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => XML_ENTITIES[char] ?? char);
}

/**
 * Chrome reads a description as XML (an unescaped `<` or `&` in a client's name breaks the
 * suggestion) and styles <match>, <dim> and <url>; Firefox shows the text as it is.
 */
export function formatDescription(parts: DescriptionPart[], markup: boolean): string {
  if (!markup) return parts.map((part) => part.text).join('');
  return parts
    .map((part) => (part.style ? `<${part.style}>${escapeXml(part.text)}</${part.style}>` : escapeXml(part.text)))
    .join('');
}

/**
 * Wires the address bar keyword (manifest `omnibox`) to `handlers`. Call it synchronously while
 * the background starts, so that a worker woken by the address bar hears the event.
 */
export function listenToOmnibox(
  handlers: OmniboxHandlers,
  api: OmniboxApi = browser.omnibox,
  markup: boolean = !import.meta.env.FIREFOX,
): void {
  // Answers arrive out of order when reading takes longer than typing; only the latest counts.
  let latest = '';
  api.onInputStarted.addListener(() => handlers.started());
  api.onInputChanged.addListener((text, suggest) => {
    latest = text;
    handlers
      .changed(text)
      .then((answer) => {
        if (text !== latest) return;
        api.setDefaultSuggestion({ description: formatDescription(answer.typed, markup) });
        suggest(
          answer.suggestions.map((suggestion) => ({
            content: suggestion.content,
            description: formatDescription(suggestion.description, markup),
          })),
        );
      })
      .catch((error: unknown) => console.error('Agency Desk: address bar suggestions failed', error));
  });
  api.onInputEntered.addListener((text, disposition) => {
    handlers
      .entered(text, disposition)
      .catch((error: unknown) => console.error('Agency Desk: opening from the address bar failed', error));
  });
  api.onInputCancelled.addListener(() => handlers.cancelled());
}
