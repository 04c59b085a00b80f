// CSV as spreadsheets read it: RFC 4180 (CRLF line ends, every text field quoted, quotes doubled),
// UTF-8 with a byte-order mark so Excel shows accents, and text that a spreadsheet would run as a
// formula (= + - @, or a leading tab or carriage return) defused with a leading apostrophe.
// Pure functions: no DOM, so the rules are tested in Node.

export type CsvValue = string | number | null;

export const BOM = '\uFEFF';

/** Text a spreadsheet would treat as a formula; the OWASP list of trigger characters. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: CsvValue): string {
  if (value == null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${text.replace(/"/g, '""')}"`;
}

/** The whole file, BOM first: one header line, then one line per row, each ended by CRLF. */
export function toCsv(header: string[], rows: CsvValue[][]): string {
  const lines = [header, ...rows].map((cells) => cells.map(csvField).join(','));
  return BOM + lines.map((l) => `${l}\r\n`).join('');
}

/** A file name without characters that a file system or a download bar would stumble on. */
export function csvFileName(parts: string[]): string {
  const name = parts
    .map((p) => p.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, ''))
    .filter(Boolean)
    .join('_');
  return `${name || 'report'}.csv`;
}
