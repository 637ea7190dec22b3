// Every kind of file that is not what it claims gets one clear message, in both languages.
import { describe, expect, it } from 'vitest';
import { prepareImport } from '../../../lib/io/prepare';
import { MAX_IMPORT_BYTES } from '../../../lib/io/text';
import { errorMessage } from '../../../lib/i18n';
import { BACKUP_FORMAT } from '../../../lib/model/backup';
import { serializeBackup } from '../../../lib/io/backup-json';
import { exportBackup } from '../../../lib/ops/export';
import { expectKeyInCatalogues, refusal, resetDb } from '../ops/helpers';

const utf8 = (text: string) => new TextEncoder().encode(text);
const HEADER = 'name,contact_first_name,contact_last_name,contact_email,quota';

async function refusedWith(bytes: Uint8Array) {
  const error = await refusal(Promise.resolve().then(() => prepareImport(bytes)));
  expectKeyInCatalogues(error.key);
  return error;
}

describe('import files that cannot be read', () => {
  it('refuses a file above 20 MB without decoding it', async () => {
    const error = await refusedWith(new Uint8Array(MAX_IMPORT_BYTES + 1));
    expect(error.key).toBe('import_fileTooLarge');
    expect(errorMessage(error, 'en')).toContain('20 MB');
    expect(errorMessage(error, 'ja')).toContain('20 MB');
  });

  it('refuses Shift_JIS and UTF-16 text, asking for UTF-8', async () => {
    // "山田" in Shift_JIS, and a UTF-16LE file with its byte order mark.
    const shiftJis = Uint8Array.from([...utf8(`${HEADER}\n`), 0x8e, 0x52, 0x93, 0x63, 0x2c, 0x41, 0x0a]);
    const utf16 = Uint8Array.from([0xff, 0xfe, 0x6e, 0x00, 0x61, 0x00]);
    for (const bytes of [shiftJis, utf16]) {
      const error = await refusedWith(bytes);
      expect(error.key).toBe('import_fileNotUtf8');
      expect(errorMessage(error, 'en')).toContain('UTF-8');
    }
  });

  it('refuses a binary file', async () => {
    expect((await refusedWith(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).key).toBe('import_fileNotText');
  });

  it('refuses an empty file, or one of only spaces', async () => {
    expect((await refusedWith(new Uint8Array())).key).toBe('import_fileEmpty');
    expect((await refusedWith(utf8('\uFEFF \r\n'))).key).toBe('import_fileEmpty');
  });

  it('calls truncated JSON incomplete or damaged', async () => {
    const error = await refusedWith(utf8(`{"format":"${BACKUP_FORMAT}","version":1,"clients":[{"orgId":"ORG-`));
    expect(error.key).toBe('import_jsonDamaged');
    expect(errorMessage(error, 'en')).toMatch(/incomplete or damaged/);
  });

  it("says that another app's JSON is not an Agency Desk backup", async () => {
    for (const text of [
      '{"name":"my-package","version":"1.0.0"}',
      '[1,2,3]',
      '"text"',
      '{"format":"other-backup","version":1}',
    ]) {
      expect((await refusedWith(utf8(text))).key).toBe('import_notBackup');
    }
  });

  it('says which version made a backup from the future', async () => {
    const error = await refusedWith(utf8(`{"format":"${BACKUP_FORMAT}","version":7,"clients":[]}`));
    expect(error.key).toBe('import_backupTooNew');
    expect(errorMessage(error, 'en')).toContain('backup format 7');
  });

  it('calls a backup with missing parts damaged', async () => {
    expect((await refusedWith(utf8(`{"format":"${BACKUP_FORMAT}","version":1}`))).key).toBe('import_backupDamaged');
    expect((await refusedWith(utf8(`{"format":"${BACKUP_FORMAT}","version":"one"}`))).key).toBe('import_backupDamaged');
  });

  it('calls a CSV cut inside a quoted value incomplete, naming the line', async () => {
    const error = await refusedWith(utf8(`${HEADER}\nAcme,Ada,Lovelace,ada@example.com,10\n"Cut,Ada`));
    expect(error.key).toBe('import_csvDamaged');
    expect(errorMessage(error, 'en')).toContain('line 3');
  });

  it('names the required columns a CSV lacks', async () => {
    const error = await refusedWith(utf8('name,contact_first_name\nAcme,Ada\n'));
    expect(error.key).toBe('import_csvMissingColumns');
    expect(errorMessage(error, 'en')).toContain('contact_last_name, contact_email, quota');
  });

  it('names columns it does not know and columns given twice', async () => {
    const unknown = await refusedWith(utf8(`${HEADER},phone\nAcme,Ada,Lovelace,ada@example.com,10,123\n`));
    expect(unknown.key).toBe('import_csvUnknownColumns');
    expect(errorMessage(unknown, 'ja')).toContain('phone');
    const twice = await refusedWith(utf8(`${HEADER},name\nAcme,Ada,Lovelace,ada@example.com,10,Acme\n`));
    expect(twice.key).toBe('import_csvRepeatedColumns');
  });

  it('names at most the first 10 columns it does not know, then how many more, in a message of a few lines', async () => {
    const extra = Array.from({ length: 10_000 }, (_, index) => `extra_${index}`);
    const error = await refusedWith(utf8(`${HEADER},${extra.join(',')}\nAcme,Ada,Lovelace,ada@example.com,10\n`));
    expect(error.key).toBe('import_csvUnknownColumns');
    const en = errorMessage(error, 'en');
    expect(en).toBe(
      `The file has columns that Agency Desk does not know: ${extra.slice(0, 10).join(', ')} and 9,990 more. Rename or remove them, then import the file again.`,
    );
    const ja = errorMessage(error, 'ja');
    expect(ja).toContain(`${extra.slice(0, 10).join(', ')} ほか 9,990 件`);
    expect(ja).not.toContain('extra_10');
    expect(ja.length).toBeLessThan(300);
    // Ten or fewer are all named.
    const ten = await refusedWith(
      utf8(`${HEADER},${extra.slice(0, 10).join(',')}\nAcme,Ada,Lovelace,ada@example.com,10\n`),
    );
    expect(errorMessage(ten, 'en')).toContain(`${extra.slice(0, 10).join(', ')}. Rename`);
  });

  it('refuses a CSV with a header and no clients', async () => {
    expect((await refusedWith(utf8(`${HEADER}\r\n`))).key).toBe('import_csvNoRows');
  });

  it('reads a UTF-8 CSV with or without a byte order mark alike', () => {
    const text = `${HEADER}\nさくら旅行,花子,山田,hanako@example.com,10\n`;
    const plain = prepareImport(utf8(text));
    const withBom = prepareImport(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(text)]));
    expect(withBom).toEqual(plain);
    expect(plain.kind === 'csv' && plain.rows[0]?.details.name).toBe('さくら旅行');
  });

  it('reads a file by what it holds: a CSV is a CSV and a backup a backup, whatever the file was named', async () => {
    const prepared = prepareImport(utf8(`${HEADER}\nAcme,Ada,Lovelace,ada@example.com,10\n`));
    expect(prepared.kind === 'csv' && prepared.rows.map((row) => row.details.name)).toEqual(['Acme']);
    await resetDb();
    expect(prepareImport(utf8(serializeBackup(await exportBackup()))).kind).toBe('backup');
    // Another app's JSON is still told apart from a CSV, though it starts like neither an object nor an array.
    expect((await refusedWith(utf8('"text"'))).key).toBe('import_notBackup');
  });
});
