// CSV for staff exports: RFC 4180 text that spreadsheet apps open safely and read correctly.
// Pure: the caller passes the column names and the cells.

/** Marks the file as UTF-8; without it Excel reads "Zürich" as "ZÃ¼rich". */
export const utf8Bom = '\uFEFF';

/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP's CSV injection list): a
 * comment such as `=HYPERLINK("http://evil.example", "Click")` must stay text when opened.
 * Tab and CR count because some apps strip them and then see the `=` behind.
 */
const formulaStart = /^[=+\-@\t\r]/;

/** A cell as text: dates in ISO 8601 (UTC), empty for null, booleans as true/false. */
function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return formulaStart.test(value) ? `'${value}` : value;
  // Arrays and objects have no CSV form of their own; JSON keeps them readable and reversible.
  const json = JSON.stringify(value) ?? '';
  return formulaStart.test(json) ? `'${json}` : json;
}

/** One field, quoted when it holds a comma, a quote or a line break (quotes doubled). */
export function csvField(value: unknown): string {
  const out = text(value);
  return /[",\r\n]/.test(out) ? `"${out.replaceAll('"', '""')}"` : out;
}

/**
 * A whole CSV document: BOM, a header line, then one line per row, each ended by CRLF. Numbers
 * are written as they are (a negative amount is not a formula); only text is neutralised.
 */
export function toCsv(columns: string[], rows: unknown[][]): string {
  const lines = [columns.map(csvField).join(',')];
  rows.forEach((row, i) => {
    if (row.length !== columns.length) {
      throw new RangeError(`CSV row ${i + 1} has ${row.length} cells; expected ${columns.length}, one per column (${columns.join(', ')})`);
    }
    lines.push(row.map(csvField).join(','));
  });
  return `${utf8Bom}${lines.join('\r\n')}\r\n`;
}
