// A list given to a message is written out in the reader's language, and never runs on for pages.
import { describe, expect, it } from 'vitest';
import { t } from '../../../lib/i18n';

const names = (count: number) => Array.from({ length: count }, (_, index) => `col${index + 1}`);

describe('lists in messages', () => {
  it('names every item of a list of up to 10', () => {
    expect(t('import_csvRepeatedColumns', { columns: ['name', 'quota'] }, 'en')).toBe(
      'The file has these columns more than once: name, quota. Keep one of each, then import the file again.',
    );
    expect(t('import_csvMissingColumns', { columns: names(10) }, 'en')).toContain(`${names(10).join(', ')}.`);
  });

  it('names the first 10 of a longer list, then how many more, in both languages', () => {
    const en = t('import_csvMissingColumns', { columns: names(1234) }, 'en');
    expect(en).toBe(
      `The file lacks these required columns: ${names(10).join(', ')} and 1,224 more. Add them to the header row, then import the file again.`,
    );
    const ja = t('import_csvMissingColumns', { columns: names(1234) }, 'ja');
    expect(ja).toBe(
      `ファイルに必須の列がありません：${names(10).join(', ')} ほか 1,224 件。見出し行に追加してから、もう一度インポートしてください。`,
    );
  });
});
