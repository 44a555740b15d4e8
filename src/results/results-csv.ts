import { TimingPoint } from '../editions/edition-events';
import { ResultRow } from './standings';

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
const field = (value: string | number | boolean | null): string => {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * Names and clubs come from registrations: one starting like a formula (`=HYPERLINK(...)`) would run in
 * the organiser's spreadsheet, so it is written as text.
 */
const FREE_TEXT = new Set<string>(['firstName', 'lastName', 'club']);
const asText = (value: string): string => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

const COLUMNS = [
  'place', 'tied', 'bib', 'firstName', 'lastName', 'gender', 'category', 'genderPlace', 'categoryPlace',
  'country', 'club', 'status', 'gunTime', 'netTime', 'pace',
] as const;

/**
 * Results as a spreadsheet: the row fields, then the gun time at each intermediate point of the course
 * (the start mat gives no split; the finish is gunTime).
 */
export const resultsCsv = (course: { timingPoints: TimingPoint[]; laps: number }, rows: ResultRow[]): string => {
  const points = course.timingPoints.filter((point) => point.distanceM > 0).slice(0, -1);
  const header = [...COLUMNS, ...points.map((p) => (course.laps > 1 ? `${p.pointId} (lap ${p.lap})` : p.pointId))];
  const lines = rows.map((row) => {
    const values = COLUMNS.map((column) => {
      const value = row[column];
      return typeof value === 'string' && FREE_TEXT.has(column) ? asText(value) : value;
    });
    const splits = points.map((p) => row.splits.find((s) => s.pointId === p.pointId && s.lap === p.lap)?.gunTime ?? null);
    return [...values, ...splits].map(field).join(',');
  });
  return [header.map(field).join(','), ...lines].join('\r\n') + '\r\n';
};
