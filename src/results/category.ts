import { Gender } from '../registration/entry-events';

/**
 * Gender and age band on race day: `U18` below 18, `OPEN` from 18 to 34, then masters in 5-year bands
 * from 35 (`M35`, `F40`). A kids race (every runner under 18) splits its field in 2-year bands instead,
 * `U8` (7 and under) to `U18` (16-17), or the whole race would be one category.
 */
export const categoryOf = (gender: Gender, ageOnRaceDay: number, kidsRace: boolean): string =>
  `${gender}${ageBand(ageOnRaceDay, kidsRace)}`;

const ageBand = (age: number, kidsRace: boolean): string => {
  if (age < 18) return kidsRace ? `U${Math.max(8, 2 * Math.floor(age / 2) + 2)}` : 'U18';
  if (age < 35) return 'OPEN';
  return String(5 * Math.floor(age / 5));
};

/** A race whose oldest runner is under 18 ranks its categories in kids' bands. */
export const isKidsRace = (race: { maxAge?: number }): boolean => race.maxAge !== undefined && race.maxAge < 18;
