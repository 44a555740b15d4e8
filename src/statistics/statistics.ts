import { EditionResults } from '../results/results.projection';

export interface EditionStatistics {
  editionId: string;
  entrants: number;
  /** How many countries the entrants come from. */
  countries: number;
  byRace: Record<string, number>;
  byCountry: Record<string, number>;
}

/** Entrants are registrations, whether or not the runner started. */
export const statisticsOf = (edition: EditionResults): EditionStatistics => {
  const races = Object.values(edition.races);
  const byCountry = new Map<string, number>();
  for (const race of races) {
    for (const { registration } of Object.values(race.runners)) {
      byCountry.set(registration.country, (byCountry.get(registration.country) ?? 0) + 1);
    }
  }
  const byRace = races.map((race): [string, number] => [race.raceId, Object.keys(race.runners).length]);
  return {
    editionId: edition.editionId,
    entrants: byRace.reduce((sum, [, count]) => sum + count, 0),
    countries: byCountry.size,
    byRace: Object.fromEntries(byRace),
    byCountry: Object.fromEntries([...byCountry].sort(([a], [b]) => a.localeCompare(b))),
  };
};
