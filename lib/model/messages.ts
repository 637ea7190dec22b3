/** Every key of the English catalogue; the locale test keeps the Japanese one in step. */
export type MessageKey = keyof typeof import('../../public/_locales/en/messages.json');
/** A list is written out by t() in the reader's language, at most its first LIST_LIMIT items (lib/i18n.ts). */
export type MessageParams = Record<string, string | number | readonly string[]>;
