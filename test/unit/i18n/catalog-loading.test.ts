// A page or the worker reads the catalogue of the language it speaks from the package, once,
// when first needed; the test setup installs both catalogues, so these tests load a fresh
// copy of lib/i18n with the package read replaced.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import en from '../../../public/_locales/en/messages.json';
import ja from '../../../public/_locales/ja/messages.json';

const readLocaleFile = vi.fn<(locale: 'en' | 'ja') => Promise<unknown>>();
vi.mock('../../../lib/platform/locale-files', () => ({
  readLocaleFile: (locale: 'en' | 'ja') => readLocaleFile(locale),
}));

async function freshI18n() {
  vi.resetModules();
  return import('../../../lib/i18n');
}

beforeEach(() => {
  readLocaleFile.mockReset();
  readLocaleFile.mockImplementation(async (locale) => (locale === 'ja' ? ja : en));
});

describe('message catalogues read on demand', () => {
  it('reads only the language it is asked to speak, once', async () => {
    const i18n = await freshI18n();
    expect(await i18n.switchLanguage('ja')).toBe('ja');
    expect(i18n.t('popup_searchLabel')).toBe(ja.popup_searchLabel.message);
    await i18n.switchLanguage('ja');
    await i18n.loadLocale('ja');
    expect(readLocaleFile.mock.calls).toEqual([['ja']]);
    expect(i18n.isLocaleLoaded('en')).toBe(false);
  });

  it('shares one read between callers that ask at the same time', async () => {
    const i18n = await freshI18n();
    await Promise.all([i18n.loadLocale('en'), i18n.loadLocale('en'), i18n.switchLanguage('en')]);
    expect(readLocaleFile).toHaveBeenCalledTimes(1);
    expect(i18n.t('popup_searchLabel', {}, 'en')).toBe(en.popup_searchLabel.message);
  });

  it('reads again after a failed read, and speaks nothing it has not loaded', async () => {
    const i18n = await freshI18n();
    readLocaleFile.mockRejectedValueOnce(new Error('gone'));
    await expect(i18n.switchLanguage('en')).rejects.toThrow('gone');
    // Without its catalogue, a message is its key: visible, never a wrong language.
    expect(i18n.t('popup_searchLabel', {}, 'en')).toBe('popup_searchLabel');
    await i18n.switchLanguage('en');
    expect(i18n.t('popup_searchLabel')).toBe(en.popup_searchLabel.message);
    expect(readLocaleFile).toHaveBeenCalledTimes(2);
  });

  it('refuses a catalogue that is not an object of messages', async () => {
    const i18n = await freshI18n();
    readLocaleFile.mockResolvedValueOnce(['not', 'a', 'catalogue']);
    await expect(i18n.loadLocale('ja')).rejects.toThrow('not an object');
    expect(i18n.isLocaleLoaded('ja')).toBe(false);
  });
});

describe('a page that has read only its own language', () => {
  it('knows the keys of that language: an import problem names its field in Japanese', async () => {
    const i18n = await freshI18n();
    await i18n.switchLanguage('ja');
    expect(i18n.isLocaleLoaded('en')).toBe(false);
    expect(i18n.hasMessage('field_client_name')).toBe(true);
    const { problemText } = await import('../../../entrypoints/options/components/backup/problem-text');
    expect(
      problemText({
        where: { kind: 'line', line: 3 },
        field: 'name',
        labelKey: 'field_client_name',
        key: 'error_required',
        params: {},
      }),
    ).toBe('クライアント名を入力してください。');
  });
});
