import { RuleViolationError } from '../decider/domain-errors';

/**
 * Normalises an ISO-8601 instant with an offset to UTC (`...Z`). Calendar-impossible values
 * (2018-02-30) are refused rather than rolled over by Date.
 */
export const toUtcInstant = (text: string, field = 'time'): string => {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/.exec(text);
  const instant = new Date(text);
  if (!match || Number.isNaN(instant.getTime())) {
    throw new RuleViolationError(`${field} ${text} is not an ISO-8601 instant with an offset`);
  }
  const [, year, month, day] = match.map(Number);
  const calendarDay = new Date(Date.UTC(year!, month! - 1, day!));
  if (calendarDay.getUTCMonth() !== month! - 1 || Number(match[4]) > 23 || Number(match[5]) > 59 || Number(match[6]) > 59) {
    throw new RuleViolationError(`${field} ${text} is not a real calendar time`);
  }
  return instant.toISOString();
};

/** Published race times: whole seconds rounded up (2:09:44.3 -> 2:09:45), as H:MM:SS. */
export const formatRaceTime = (elapsedMs: number): string => {
  if (!(elapsedMs >= 0)) throw new RangeError(`a race time cannot be negative or unknown (${elapsedMs} ms)`);
  const seconds = Math.ceil(elapsedMs / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
};

/** Parses a published H:MM:SS (or H:MM:SS.s) race time back to milliseconds. */
export const parseRaceTime = (text: string): number => {
  const match = /^(\d+):([0-5]\d):([0-5]\d(?:\.\d{1,3})?)$/.exec(text);
  if (!match) throw new RuleViolationError(`race time ${text} is not H:MM:SS`);
  return Math.round((Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3])) * 1000);
};

/** Age in whole years on race day: categories go by age on the day, not by birth year. */
export const ageOn = (raceDate: string, dateOfBirth: string): number => {
  const [ry, rm, rd] = raceDate.split('-').map(Number);
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const birthdayPassed = rm! > bm! || (rm === bm && rd! >= bd!);
  return ry! - by! - (birthdayPassed ? 0 : 1);
};
