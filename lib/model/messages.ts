/** Every key of the English catalogue; the locale test keeps the Japanese one in step. */
export type MessageKey = keyof typeof import('../../public/_locales/en/messages.json');
export type MessageParams = Record<string, string | number>;
