import { competitionRanks, ResultRow, Standings } from '../results/standings';
import { formatRaceTime } from '../time/instant';
import { AwardData, PrizeScheduleSet } from './prize-events';

export type DesiredAward = Omit<AwardData, 'resultsPosition'>;

type Schedule = PrizeScheduleSet['data'];
type Placed = Standings['placed'][number];

const inPool = (category: string, row: ResultRow): boolean =>
  category === 'overall' || (category === 'M' || category === 'F' ? row.gender === category : row.category === category);

/** Same race, category, place, runner and amount: the same award, so an unchanged result changes nothing. */
export const awardIdOf = (award: Pick<DesiredAward, 'raceId' | 'category' | 'place' | 'bib' | 'amountMinor'>): string =>
  `${award.raceId}:${award.category}:${award.place}:${award.bib}:${award.amountMinor}`;

/**
 * Splits `total` minor units over `count` runners exactly: the remainder goes one unit each to the first
 * runners in bib order, so the shares always add up to the total.
 */
const shares = (total: number, count: number): number[] =>
  Array.from({ length: count }, (_, index) => Math.floor(total / count) + (index < total % count ? 1 : 0));

/**
 * The prizes a race's standings earn under its schedule. Pure: the same standings and schedule always
 * give the same awards. Only placed finishers win (a disqualified runner is never placed); ties share
 * a place and the schedule says how its money is shared.
 */
export const computeAwards = (schedule: Schedule, standings: Standings): DesiredAward[] => {
  const timeOf = (placed: Placed) => (schedule.basis === 'net' ? placed.netMs : placed.gunMs);
  const pools = schedule.pools
    .map((pool, order) => ({ pool, order, top: Math.max(0, ...pool.amountsMinor) }))
    .sort((a, b) => (schedule.onePrizePerRunner ? b.top - a.top : 0) || a.order - b.order);
  const winners = new Set<string>();
  const awards: DesiredAward[] = [];

  for (const { pool } of pools) {
    const eligible = standings.placed
      .filter((placed) => inPool(pool.category, placed.row) && !(schedule.onePrizePerRunner && winners.has(placed.row.bib)))
      .sort((a, b) => timeOf(a) - timeOf(b) || a.row.bib.localeCompare(b.row.bib, 'en', { numeric: true }));
    const places = competitionRanks(eligible.map(timeOf));
    for (let first = 0; first < eligible.length && places[first]! <= pool.amountsMinor.length; ) {
      let last = first;
      while (last + 1 < eligible.length && places[last + 1] === places[first]) last++;
      const tied = eligible.slice(first, last + 1);
      const place = places[first]!;
      const covered = pool.amountsMinor.slice(place - 1, place - 1 + tied.length);
      const amounts =
        schedule.tiedPlaces === 'share' ? shares(covered.reduce((sum, amount) => sum + amount, 0), tied.length) : tied.map(() => covered[0]!);
      tied.forEach((placed, index) => {
        const amountMinor = amounts[index]!;
        if (amountMinor <= 0) return;
        const award = {
          editionId: schedule.editionId,
          raceId: schedule.raceId,
          category: pool.category,
          place,
          bib: placed.row.bib,
          runner: `${placed.row.firstName} ${placed.row.lastName}`,
          amountMinor,
          currency: schedule.currency,
          basis: schedule.basis,
          time: formatRaceTime(timeOf(placed)),
        };
        awards.push({ ...award, awardId: awardIdOf(award) });
        winners.add(placed.row.bib);
      });
      first = last + 1;
    }
  }
  return awards;
};
