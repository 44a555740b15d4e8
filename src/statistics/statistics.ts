import { RelayRace } from '../ekiden/ekiden.projection';
import { isoCountryOf } from '../registration/countries';
import { EditionResults } from '../results/results.projection';

export interface EditionStatistics {
  editionId: string;
  entrants: number;
  /** How many countries the entrants come from. */
  countries: number;
  byRace: Record<string, number>;
  byCountry: Record<string, number>;
}

/**
 * Entrants are the people registered, whether or not they started: every runner of an individual race
 * and every leg runner of a relay team.
 */
export const statisticsOf = (edition: EditionResults, relays: Record<string, RelayRace> = {}): EditionStatistics => {
  const countriesByRace = Object.values(edition.races).map((race): [string, string[]] => [
    race.raceId,
    relays[race.raceId]
      ? Object.values(relays[race.raceId]!.teams).flatMap((team) => team.runners.map((runner) => runner.country))
      : Object.values(race.runners).map(({ registration }) => registration.country),
  ]);
  const byCountry = new Map<string, number>();
  for (const [, countries] of countriesByRace) {
    // Registrations recorded before IOC codes were stored as ISO ones still hold them.
    for (const country of countries.map(isoCountryOf)) byCountry.set(country, (byCountry.get(country) ?? 0) + 1);
  }
  const byRace = countriesByRace.map(([raceId, countries]): [string, number] => [raceId, countries.length]);
  return {
    editionId: edition.editionId,
    entrants: byRace.reduce((sum, [, count]) => sum + count, 0),
    countries: byCountry.size,
    byRace: Object.fromEntries(byRace),
    byCountry: Object.fromEntries([...byCountry].sort(([a], [b]) => a.localeCompare(b))),
  };
};
