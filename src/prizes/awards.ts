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

/** The awards of one pool among the runners still eligible for it, ties sharing as the schedule says. */
const poolAwards = (schedule: Schedule, pool: Schedule['pools'][number], placed: Placed[], eligible: (bib: string) => boolean): DesiredAward[] => {
  const timeOf = (entry: Placed) => (schedule.basis === 'net' ? entry.netMs : entry.gunMs);
  const field = placed
    .filter((entry) => inPool(pool.category, entry.row) && eligible(entry.row.bib))
    .sort((a, b) => timeOf(a) - timeOf(b) || a.row.bib.localeCompare(b.row.bib, 'en', { numeric: true }));
  const places = competitionRanks(field.map(timeOf));
  const awards: DesiredAward[] = [];
  for (let first = 0; first < field.length && places[first]! <= pool.amountsMinor.length; ) {
    let last = first;
    while (last + 1 < field.length && places[last + 1] === places[first]) last++;
    const tied = field.slice(first, last + 1);
    const place = places[first]!;
    const covered = pool.amountsMinor.slice(place - 1, place - 1 + tied.length);
    const amounts =
      schedule.tiedPlaces === 'share' ? shares(covered.reduce((sum, amount) => sum + amount, 0), tied.length) : tied.map(() => covered[0]!);
    tied.forEach((entry, index) => {
      const amountMinor = amounts[index]!;
      if (amountMinor <= 0) return;
      const award = {
        editionId: schedule.editionId,
        raceId: schedule.raceId,
        category: pool.category,
        place,
        bib: entry.row.bib,
        runner: `${entry.row.firstName} ${entry.row.lastName}`,
        amountMinor,
        currency: schedule.currency,
        basis: schedule.basis,
        time: formatRaceTime(timeOf(entry)),
      };
      awards.push({ ...award, awardId: awardIdOf(award) });
    });
    first = last + 1;
  }
  return awards;
};

/**
 * The prizes a race's standings earn under its schedule. Pure: the same standings and schedule always
 * give the same awards. Only placed finishers win (a disqualified runner is never placed); ties share
 * a place and the schedule says how its money is shared.
 *
 * With one prize per runner, a runner placed in several pools takes the highest cash award and leaves
 * the others, where the next runners move up: the runner with the highest award on offer is settled
 * first, then every pool is ranked again without the settled runners of other pools, until no runner
 * in a prize place is unsettled. A pool's runners only move up as others leave it, so a settled
 * runner keeps a prize place in their pool.
 */
export const computeAwards = (schedule: Schedule, standings: Standings): DesiredAward[] => {
  const { pools } = schedule;
  if (!schedule.onePrizePerRunner) return pools.flatMap((pool) => poolAwards(schedule, pool, standings.placed, () => true));
  const settledIn = new Map<string, number>();
  const eligibleFor = (poolIndex: number) => (bib: string) => (settledIn.get(bib) ?? poolIndex) === poolIndex;
  for (;;) {
    const offers = pools.flatMap((pool, poolIndex) =>
      poolAwards(schedule, pool, standings.placed, eligibleFor(poolIndex))
        .filter((award) => !settledIn.has(award.bib))
        .map((award) => ({ award, poolIndex })),
    );
    const best = offers.reduce<(typeof offers)[number] | undefined>(
      (top, offer) => (!top || offer.award.amountMinor > top.award.amountMinor ? offer : top),
      undefined,
    );
    if (!best) break;
    settledIn.set(best.award.bib, best.poolIndex);
  }
  return pools.flatMap((pool, poolIndex) => poolAwards(schedule, pool, standings.placed, eligibleFor(poolIndex)));
};
