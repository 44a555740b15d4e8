import { RuleViolationError } from '../decider/domain-errors';

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
export const parseCsv = (text: string): string[][] => parseCsvLines(text).map((row) => row.fields);

/** Rows with the line each starts on, so that errors can name the line a person sees in an editor. */
const parseCsvLines = (text: string): { line: number; fields: string[] }[] => {
  const rows: { line: number; fields: string[] }[] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!;
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else {
        if (char === '\n') line++;
        field += char;
      }
    } else if (char === '"' && field === '') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && body[i + 1] === '\n') i++;
      row.push(field);
      rows.push({ line: rowLine, fields: row });
      row = [];
      field = '';
      rowLine = ++line;
    } else field += char;
  }
  if (quoted) throw new RuleViolationError('the CSV ends inside a quoted field');
  if (field !== '' || row.length > 0) rows.push({ line: rowLine, fields: [...row, field] });
  return rows.filter((r) => !(r.fields.length === 1 && r.fields[0] === ''));
};

/** Rows keyed by the header line's column names. */
export const parseCsvRecords = (text: string): { line: number; record: Record<string, string> }[] => {
  const [header, ...rows] = parseCsvLines(text);
  if (!header) return [];
  const columns = header.fields.map((column) => column.trim());
  return rows.map((row) => ({
    line: row.line,
    record: Object.fromEntries(columns.map((column, i) => [column, (row.fields[i] ?? '').trim()])),
  }));
};

/**
 * Text cells come from people (names, clubs, donors): one that starts like a formula (`=HYPERLINK(...)`)
 * would run in the spreadsheet it is opened in, so it is written as text with a leading apostrophe.
 * Numbers are written as they are.
 */
const cell = (value: unknown): string => {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export const formatCsv = (columns: string[], rows: Record<string, unknown>[]): string =>
  [columns.map(cell).join(','), ...rows.map((row) => columns.map((column) => cell(row[column])).join(','))].join('\r\n') + '\r\n';
