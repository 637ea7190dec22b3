import type catalogue from '../../public/_locales/en/messages.json';

/** Every key of the English catalogue; the locale test keeps the Japanese one in step. */
export type MessageKey = keyof typeof catalogue;
/**
 * A calendar date (YYYY-MM-DD) that a message writes the reader's way ("Apr 15, 2026", "2026/04/15").
 * Dates are passed as dates, through asDate: text is never guessed to be one, so a client named
 * "2026-01-15" keeps its name.
 */
export interface DateParam {
  readonly isoDate: string;
}
/** A list is written out by t() in the reader's language, at most its first LIST_LIMIT items (lib/i18n.ts). */
export type MessageParam = string | number | DateParam | readonly string[];
export type MessageParams = Record<string, MessageParam>;

export function asDate(isoDate: string): DateParam {
  return { isoDate };
}

export function isList(value: MessageParam): value is readonly string[] {
  return Array.isArray(value);
}
