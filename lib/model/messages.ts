import type catalogue from '../../public/_locales/en/messages.json';

/** Every key of the English catalogue; the locale test keeps the Japanese one in step. */
export type MessageKey = keyof typeof catalogue;
export type MessageParams = Record<string, string | number>;
