import { parseRaceTime } from '../time/instant';
import { SeededRandom } from './seeded-random';

/** Reads are to 0.1 s: every generated instant and duration is a whole number of tenths. */
export const toTenths = (ms: number): number => Math.round(ms / 100) * 100;

/** A tenth-of-a-second duration drawn uniformly from [minS, maxS] seconds. */
export const tenthsBetween = (random: SeededRandom, minS: number, maxS: number): number =>
  toTenths(random.between(minS, maxS) * 1000);

/**
 * An official time as a fact states it, to 0.1 s: what the fact leaves out is drawn, but only within
 * what still publishes as stated (times publish rounded up to the second). `2:33` (hours and minutes)
 * becomes 2:33:00.0 to 2:33:58.9; `2:30:09` becomes 2:30:08.1 to 2:30:09.0.
 */
export const officialTimeMs = (stated: string, random: SeededRandom): number => {
  const minutes = /^(\d+):([0-5]\d)$/.exec(stated);
  if (minutes) return (Number(minutes[1]) * 3600 + Number(minutes[2]) * 60) * 1000 + Math.floor(random.next() * 590) * 100;
  return parseRaceTime(stated) - Math.floor(random.next() * 10) * 100;
};
