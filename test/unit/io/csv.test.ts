import { describe, expect, it } from 'vitest';
import { parseCsv, serializeCsv } from '../../../lib/io/csv';
import { guardCell, unguardCell } from '../../../lib/io/formula-guard';

function records(text: string) {
  const result = parseCsv(text);
  if (!result.ok) throw new Error(`unterminated quote on line ${result.line}`);
  return result.records;
}

describe('parseCsv', () => {
  it('reads quoted fields with commas, quotes and line breaks, and knows the line each record starts on', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\nlast,,end\r\n';
    expect(records(text)).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['x, y', 'say "hi"', 'two\nlines'] },
      { line: 4, fields: ['last', '', 'end'] },
    ]);
  });

  it('accepts LF and CR line breaks, a byte order mark, and no final line break', () => {
    expect(records('\uFEFFa,b\nc,d\re,f')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['c', 'd'] },
      { line: 3, fields: ['e', 'f'] },
    ]);
  });

  it('skips rows that are entirely empty, as spreadsheets write them at the end', () => {
    expect(records('a,b\n\n,\nc,d\n,,\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 4, fields: ['c', 'd'] },
    ]);
  });

  it('reports a quote that never closes, with the line where it opened', () => {
    expect(parseCsv('a,b\nc,"never\nclosed')).toEqual({ ok: false, line: 2 });
  });

  it('reports text after a closing quote as damage, with the line where that quoted field opened', () => {
    expect(parseCsv('name,plan\n"Acme"Inc,Pro\n')).toEqual({ ok: false, line: 2 });
    // Read on past, the malformed field could take in a quote that is left open further down.
    expect(parseCsv('name,plan\n"Acme"Inc,Pro\nBeta,"never\nclosed')).toEqual({ ok: false, line: 2 });
  });

  it('drops white space between a closing quote and the next comma or line break', () => {
    expect(records('"Acme" ,Pro\t\n"Beta"\t\n')).toEqual([
      { line: 1, fields: ['Acme', 'Pro\t'] },
      { line: 2, fields: ['Beta'] },
    ]);
  });

  it('keeps a stray quote inside an unquoted field as text', () => {
    expect(records('5" screen,x')).toEqual([{ line: 1, fields: ['5" screen', 'x'] }]);
  });
});

describe('serializeCsv', () => {
  it('quotes only what needs quoting and ends records with CRLF', () => {
    expect(serializeCsv([['a', 'b,c', 'say "hi"', 'two\nlines', ' padded ']])).toBe(
      'a,"b,c","say ""hi""","two\nlines"," padded "\r\n',
    );
  });

  it('round-trips any text through parse', () => {
    const rows = [
      ['org_id', 'name', 'note'],
      ['ORG-00000001', 'Acme, Inc.', '"Quoted" and\r\nmulti-line'],
      ['', 'さくら旅行', '全角，カンマ'],
      ['x', '', ''],
    ];
    const parsed = records(serializeCsv(rows)).map((record) => record.fields);
    expect(parsed).toEqual(rows.map((row) => row.map((cell) => cell.replace(/\r\n/g, '\n'))));
  });
});

describe('formula guard', () => {
  it.each(['=SUM(A1)', '+81 3 1234', '-5', '@cmd', '\tx', "'=already", "''=twice"])(
    'gives %j back unchanged after guard and unguard',
    (value) => {
      expect(unguardCell(guardCell(value))).toBe(value);
    },
  );

  it('puts a single quote before cells that a spreadsheet would run as formulas', () => {
    expect(guardCell('=HYPERLINK("http://evil.example")')).toBe('\'=HYPERLINK("http://evil.example")');
    expect(guardCell('@SUM(1)')).toBe("'@SUM(1)");
    expect(guardCell('Acme')).toBe('Acme');
    expect(guardCell("O'Brien")).toBe("O'Brien");
    expect(unguardCell("O'Brien")).toBe("O'Brien");
  });
});
