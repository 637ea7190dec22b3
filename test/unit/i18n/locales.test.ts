import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../../public/_locales/en/messages.json';
import ja from '../../../public/_locales/ja/messages.json';
import { ACTIVITY_ACTIONS } from '../../../lib/model/activity';
import { AppError } from '../../../lib/model/errors';
import { asDate } from '../../../lib/model/messages';
import { errorMessage, resolveLocale, t } from '../../../lib/i18n';

type Catalog = Record<
  string,
  { message: string; description?: string; placeholders?: Record<string, { content: string }> }
>;
const catalogs: Record<string, Catalog> = { en, ja };

const placeholdersIn = (message: string) =>
  [...message.matchAll(/\$([A-Za-z_]+)\$/g)].map((match) => match[1]!.toLowerCase()).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

describe('locale catalogues', () => {
  it('have the same keys in English and Japanese', () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(Object.keys(en))('%s has a description and the same placeholders in both languages', (key) => {
    const english = catalogs.en![key]!;
    const japanese = catalogs.ja![key]!;
    expect(english.description?.length ?? 0).toBeGreaterThan(0);
    expect(japanese.message.trim().length).toBeGreaterThan(0);
    expect(placeholdersIn(japanese.message)).toEqual(placeholdersIn(english.message));
    expect(Object.keys(english.placeholders ?? {}).sort()).toEqual([...new Set(placeholdersIn(english.message))]);
    // chrome.i18n substitutes by position, so a name must map to the same position everywhere.
    expect(japanese.placeholders ?? {}).toEqual(english.placeholders ?? {});
  });

  it('contain every message key that the code names', () => {
    const used = new Set<string>();
    for (const file of [...sourceFiles('lib'), ...sourceFiles('entrypoints'), ...sourceFiles('components')]) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(
        /'((?:error|field|status|industry|dashboard|popup|omnibox|clients|lifecycle|pending|form|overview|history|background|settings|backup|import|partner|billing|banner|revoked|usageFeed)_[A-Za-z0-9_]+)'/g,
      ))
        used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(20);
    // Activity actions (e.g. settings_changed) look like keys but are stored values, not messages.
    const notMessages = new Set<string>(ACTIVITY_ACTIONS);
    const missing = [...used].filter((key) => !(key in en) && !key.endsWith('_') && !notMessages.has(key));
    expect(missing).toEqual([]);
  });
});

describe('t', () => {
  it('fills named placeholders, formatting numbers and dates for the language', () => {
    expect(t('error_quotaExceedsFree', { needed: 1500, free: 20 }, 'en')).toBe(
      'This needs 1,500 more licenses, but only 20 are free in the pool.',
    );
    expect(t('error_quotaExceedsFree', { needed: 1500, free: 20 }, 'ja')).toBe(
      'ライセンスがあと1,500件必要ですが、プールの空きは20件だけです。',
    );
    expect(t('error_reactivateTooLate', { date: asDate('2027-02-28') }, 'en')).toContain('Feb 28, 2027');
    expect(t('error_reactivateTooLate', { date: asDate('2027-02-28') }, 'ja')).toContain('2027/02/28');
  });

  it('does not treat $ in a value as a pattern', () => {
    expect(t('error_clientNotFound', { orgId: '$&$1' }, 'en')).toBe('No client has the Org ID $&$1.');
  });

  it('picks the language from the setting, or the browser when set to auto', () => {
    expect(resolveLocale('auto', 'ja-JP')).toBe('ja');
    expect(resolveLocale('auto', 'de-DE')).toBe('en');
    expect(resolveLocale('en', 'ja-JP')).toBe('en');
  });

  it('turns any error into a sentence in the language asked for', () => {
    expect(errorMessage(new AppError('rule', 'error_clientInactive'), 'ja')).toBe(
      'このクライアントは非アクティブです。先に再有効化してください。',
    );
    expect(errorMessage(new TypeError('boom'), 'en')).toContain('TypeError');
  });
});
