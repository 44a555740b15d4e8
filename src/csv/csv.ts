import { RuleViolationError } from '../decider/domain-errors';

/** A row as read, with the line it starts on (what a person sees in an editor) and what is wrong with it as CSV. */
interface CsvRow {
  line: number;
  fields: string[];
  problem?: string;
}

const STRAY_QUOTE = 'a quote inside a field that does not start with one: quote the whole field and double the quotes inside it ("")';

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. A row that breaks it is refused with its line. */
export const parseCsv = (text: string): string[][] =>
  parseCsvLines(text).map((row) => {
    if (row.problem) throw new RuleViolationError(`line ${row.line}: ${row.problem}`);
    return row.fields;
  });

/**
 * Rows with the line each starts on. A quote in the middle of an unquoted field, or text after a
 * field's closing quote, is not CSV: the row is kept with its problem, so that the rows after it are
 * still read and a report can name every bad line.
 */
const parseCsvLines = (text: string): CsvRow[] => {
  const rows: CsvRow[] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let closed = false;
  let problem: string | undefined;
  let line = 1;
  let rowLine = 1;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const endRow = () => {
    row.push(field);
    rows.push({ line: rowLine, fields: row, ...(problem && { problem }) });
    row = [];
    field = '';
    closed = false;
    problem = undefined;
  };
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!;
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
        closed = true;
      } else {
        if (char === '\n') line++;
        field += char;
      }
    } else if (char === ',') {
      row.push(field);
      field = '';
      closed = false;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && body[i + 1] === '\n') i++;
      endRow();
      rowLine = ++line;
    } else if (closed) {
      problem ??= `text after the closing quote of field ${row.length + 1}: a quoted field ends at a comma or the end of the line`;
      field += char;
    } else if (char === '"' && field === '') quoted = true;
    else {
      if (char === '"') problem ??= `${STRAY_QUOTE} (field ${row.length + 1})`;
      field += char;
    }
  }
  if (quoted) throw new RuleViolationError(`the CSV ends inside a quoted field (the row on line ${rowLine}): a quote is missing`);
  if (field !== '' || row.length > 0) endRow();
  return rows.filter((r) => !(r.fields.length === 1 && r.fields[0] === '' && !r.problem));
};

const fieldCount = (count: number) => `${count} field${count === 1 ? '' : 's'}`;

/**
 * Rows keyed by the header line's column names. A row with more or fewer fields than the header (a
 * comma in an unquoted name, a column left out) is kept with its problem rather than read into the
 * wrong columns. A file separated by semicolons, as spreadsheets in many locales export it, is refused.
 */
export const parseCsvRecords = (text: string): { line: number; record: Record<string, string>; problem?: string }[] => {
  const [header, ...rows] = parseCsvLines(text);
  if (!header) return [];
  if (header.problem) throw new RuleViolationError(`the header (line ${header.line}): ${header.problem}`);
  if (header.fields.length === 1 && header.fields[0]!.includes(';')) {
    throw new RuleViolationError('the CSV is separated by semicolons: use commas (in a spreadsheet, export as "CSV (comma delimited)")');
  }
  const columns = header.fields.map((column) => column.trim());
  return rows.map((row) => {
    const problem =
      row.problem ??
      (row.fields.length === columns.length ? undefined : `${fieldCount(row.fields.length)} where the header has ${columns.length} (a field holding a comma must be quoted)`);
    const record = Object.fromEntries(columns.map((column, i) => [column, (row.fields[i] ?? '').trim()]));
    return { line: row.line, record, ...(problem && { problem }) };
  });
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
