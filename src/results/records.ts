import { Gender } from '../registration/entry-events';
import { formatRaceTime } from '../time/instant';
import { EditionResults, RaceResults } from './results.projection';
import { Standings } from './standings';

export interface RecordMark {
  /** Official (gun) time, H:MM:SS rounded up. */
  time: string;
  firstName: string;
  lastName: string;
  country: string;
  /** Shown so that a record held by a seeded synthetic runner (club "synthetic") says so. */
  club: string | null;
  bib: string;
  editionId: string;
}

export interface GenderRecord extends RecordMark {
  gender: Gender;
  /** This edition beat the record that stood before it. */
  brokenInThisEdition: boolean;
  /** The record this edition had to beat; null when no earlier edition has a finisher. */
  previous: RecordMark | null;
}

export interface RaceRecords {
  editionId: string;
  raceId: string;
  series: string;
  courseId: string;
  /** Best times over every edition of the series in this race, course changes notwithstanding. */
  eventRecords: GenderRecord[];
  /** Best times on this certified course only: a re-certified course starts afresh. */
  courseRecords: GenderRecord[];
}

type Mark = RecordMark & { gunMs: number };

const GENDERS: Gender[] = ['M', 'F'];

/** Editions in race-day order: a record stands from the first edition that ran it. */
const chronological = (a: EditionResults, b: EditionResults) => a.date.localeCompare(b.date) || a.number - b.number;

/** Records are published in whole seconds: a run that publishes the same time equals a record, it does not take it. */
const published = (mark: { gunMs: number }) => Math.ceil(mark.gunMs / 1000);

const bestOf = (races: RaceResults[], gender: Gender, standingsOf: (race: RaceResults) => Standings): Mark | undefined => {
  let best: Mark | undefined;
  for (const race of races) {
    // Placed in time order, so the first of a gender is its fastest; a later equal time does not take a record.
    const fastest = standingsOf(race).placed.find((p) => p.row.gender === gender);
    if (fastest && (!best || published(fastest) < published(best))) {
      const { firstName, lastName, country, club, bib } = fastest.row;
      best = { time: formatRaceTime(fastest.gunMs), firstName, lastName, country, club, bib, editionId: race.editionId, gunMs: fastest.gunMs };
    }
  }
  return best;
};

const withoutMs = ({ gunMs, ...mark }: Mark): RecordMark => mark;

const recordsOver = (
  earlier: RaceResults[],
  current: RaceResults,
  standingsOf: (race: RaceResults) => Standings,
): GenderRecord[] =>
  GENDERS.flatMap((gender) => {
    const previous = bestOf(earlier, gender, standingsOf);
    const now = bestOf([current], gender, standingsOf);
    const broken = now !== undefined && (previous === undefined || published(now) < published(previous));
    const record = broken ? now : previous;
    if (!record) return [];
    return [
      {
        gender,
        ...withoutMs(record),
        brokenInThisEdition: broken && previous !== undefined,
        previous: previous ? withoutMs(previous) : null,
      },
    ];
  });

/**
 * Event and course records as they stood after this edition, from the finishes in the log: an event
 * record spans the editions of the series in the same race, a course record the races on one certified
 * course. A first-ever edition sets a record without breaking one.
 */
export const raceRecords = (
  editions: EditionResults[],
  edition: EditionResults,
  current: RaceResults,
  standingsOf: (race: RaceResults) => Standings,
): RaceRecords => {
  const earlier = editions.filter((e) => chronological(e, edition) < 0).sort(chronological);
  const sameEvent = earlier.flatMap((e) => (e.series === edition.series && e.races[current.raceId] ? [e.races[current.raceId]!] : []));
  const sameCourse = earlier.flatMap((e) => Object.values(e.races).filter((race) => race.courseId === current.courseId));
  return {
    editionId: current.editionId,
    raceId: current.raceId,
    series: edition.series,
    courseId: current.courseId,
    eventRecords: recordsOver(sameEvent, current, standingsOf),
    courseRecords: recordsOver(sameCourse, current, standingsOf),
  };
};

export type RecordKind = 'event' | 'course';

/** The runners of this edition who broke a record, with which: their result rows are flagged with it. */
export const recordBreakers = (records: RaceRecords): Map<string, RecordKind[]> => {
  const breakers = new Map<string, RecordKind[]>();
  const flag = (kind: RecordKind) => (record: GenderRecord) => {
    if (record.brokenInThisEdition) breakers.set(record.bib, [...(breakers.get(record.bib) ?? []), kind]);
  };
  records.eventRecords.forEach(flag('event'));
  records.courseRecords.forEach(flag('course'));
  return breakers;
};
