import { isoCountryOf } from '../registration/countries';
import { Gender } from '../registration/entry-events';
import { ResultRow } from './standings';

export interface ResultsFilter {
  gender?: Gender;
  category?: string;
  country?: string;
  /** A bib or part of a name, case-insensitive. */
  q?: string;
}

/** Filters never re-rank: a runner keeps the places of the whole race. */
export const selectRows = (rows: ResultRow[], filter: ResultsFilter): ResultRow[] => {
  const category = filter.category?.toUpperCase();
  // GER finds the runners registered as DEU, and those registered as GER before IOC codes were stored as ISO ones.
  const country = filter.country && isoCountryOf(filter.country.toUpperCase());
  const q = filter.q?.trim().toLowerCase();
  return rows.filter(
    (row) =>
      (filter.gender === undefined || row.gender === filter.gender) &&
      (category === undefined || row.category === category) &&
      (country === undefined || isoCountryOf(row.country.toUpperCase()) === country) &&
      (!q || matchesSearch(row, q)),
  );
};

const matchesSearch = (row: ResultRow, q: string): boolean =>
  row.bib.toLowerCase().includes(q) ||
  `${row.firstName} ${row.lastName}`.toLowerCase().includes(q) ||
  `${row.lastName} ${row.firstName}`.toLowerCase().includes(q);
