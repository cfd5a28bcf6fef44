import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, toCsv, utf8Bom } from '../../src/lib/csv';

describe.each<[behaviour: string, value: unknown, field: string]>([
  ['plain text is written as it is', 'Renew a domain', 'Renew a domain'],
  ['accents stay as they are (the BOM tells apps it is UTF-8)', 'Zürich, café', '"Zürich, café"'],
  ['a comma makes the field quoted', 'slow, then failed', '"slow, then failed"'],
  ['quotes are doubled inside a quoted field', 'the "Next" button', '"the ""Next"" button"'],
  ['a line feed makes the field quoted', 'line one\nline two', '"line one\nline two"'],
  ['a CRLF makes the field quoted and is kept', 'line one\r\nline two', '"line one\r\nline two"'],
  ['an empty string stays empty', '', ''],
  ['null is an empty field', null, ''],
  ['undefined is an empty field', undefined, ''],
  ['a date is ISO 8601 in UTC', new Date('2026-12-08T02:12:00+01:00'), '2026-12-08T01:12:00.000Z'],
  ['an invalid date is an empty field', new Date('not a date'), ''],
  ['true and false are written as words', true, 'true'],
  ['a negative number is a number, not a formula', -12.5, '-12.5'],
  ['zero is written', 0, '0'],
  ['an array is JSON, quoted for its comma', ['outdated', 'other'], '"[""outdated"",""other""]"'],
])('%s', (_behaviour, value, field) => {
  it(`${JSON.stringify(value)} → ${JSON.stringify(field)}`, () => {
    expect(csvField(value)).toBe(field);
  });
});

describe.each<[behaviour: string, value: string, field: string]>([
  ['a formula starting with = becomes text', '=HYPERLINK("http://evil.example","Click")', `"'=HYPERLINK(""http://evil.example"",""Click"")"`],
  ['a leading + is neutralised', '+41 44 000 00 00', "'+41 44 000 00 00"],
  ['a leading - in text is neutralised', '-2+3', "'-2+3"],
  ['a leading @ is neutralised', '@SUM(A1:A9)', "'@SUM(A1:A9)"],
  ['a leading tab is neutralised', '\t=1+1', "'\t=1+1"],
  ['a leading CR is neutralised and the field quoted', '\r=1+1', `"'\r=1+1"`],
  ['a formula character later in the text is harmless', 'a=b, c@d', '"a=b, c@d"'],
  ['a leading space is left alone (spreadsheets do not evaluate it)', ' =1', ' =1'],
])('spreadsheet formula injection: %s', (_behaviour, value, field) => {
  it(`${JSON.stringify(value)} → ${JSON.stringify(field)}`, () => {
    expect(csvField(value)).toBe(field);
  });
});

describe('toCsv', () => {
  it('starts with a UTF-8 BOM, writes the header, and ends every line with CRLF', () => {
    const csv = toCsv(['article', 'helpful', 'comment'], [
      ['renew-a-domain', true, null],
      ['whois-privacy', false, 'Zürich office, "closed"'],
    ]);
    expect(csv).toBe(`${utf8Bom}article,helpful,comment\r\nrenew-a-domain,true,\r\nwhois-privacy,false,"Zürich office, ""closed"""\r\n`);
  });

  it('with no rows is the header alone', () => {
    expect(toCsv(['created', 'article'], [])).toBe(`${utf8Bom}created,article\r\n`);
  });

  it('quotes and neutralises column names like any text', () => {
    expect(toCsv(['first, last', '=x'], [])).toBe(`${utf8Bom}"first, last",'=x\r\n`);
  });

  it('refuses a row whose cell count differs from the columns, naming the row', () => {
    expect(() => toCsv(['a', 'b'], [['1', '2'], ['3']])).toThrow(/CSV row 2 has 1 cells; expected 2, one per column \(a, b\)/);
  });

  it('round-trips any text through an RFC 4180 reader, formula cells aside', () => {
    const safeText = fc.string({ unit: 'grapheme' }).filter((s) => !/^[=+\-@\t\r]/.test(s));
    fc.assert(
      fc.property(fc.array(fc.tuple(safeText, safeText, safeText), { maxLength: 5 }), (rows) => {
        const parsed = readCsv(toCsv(['a', 'b', 'c'], rows));
        expect(parsed).toEqual([['a', 'b', 'c'], ...rows]);
      }),
    );
  });
});

/** A strict RFC 4180 reader (BOM, CRLF records, quoted fields), to check what toCsv writes. */
function readCsv(csv: string): string[][] {
  expect(csv.startsWith(utf8Bom)).toBe(true);
  const records: string[][] = [];
  let record: string[] = [];
  let i = utf8Bom.length;
  for (;;) {
    let field = '';
    if (csv[i] === '"') {
      for (i++; ; i++) {
        if (i >= csv.length) throw new Error('unterminated quoted field');
        if (csv[i] === '"') {
          if (csv[i + 1] === '"') { field += '"'; i++; } else { i++; break; }
        } else field += csv[i];
      }
    } else {
      while (i < csv.length && csv[i] !== ',' && csv[i] !== '\r') {
        if (csv[i] === '"' || csv[i] === '\n') throw new Error(`bare ${JSON.stringify(csv[i])} in an unquoted field`);
        field += csv[i++];
      }
    }
    record.push(field);
    if (csv[i] === ',') { i++; continue; }
    if (csv.slice(i, i + 2) !== '\r\n') throw new Error(`expected CRLF at ${i}`);
    i += 2;
    records.push(record);
    record = [];
    if (i === csv.length) return records;
  }
}
