import { TimingPoint } from '../editions/edition-events';
import { formatCsv } from '../csv/csv';
import { ResultRow } from './standings';

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
  const splitColumns = points.map((p) => (course.laps > 1 ? `${p.pointId} (lap ${p.lap})` : p.pointId));
  const records = rows.map((row) => ({
    ...Object.fromEntries(COLUMNS.map((column) => [column, row[column]])),
    ...Object.fromEntries(
      points.map((p, index) => [splitColumns[index]!, row.splits.find((s) => s.pointId === p.pointId && s.lap === p.lap)?.gunTime]),
    ),
  }));
  return formatCsv([...COLUMNS, ...splitColumns], records);
};
