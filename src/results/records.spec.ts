import {
  after,
  editionPlanned,
  finishRecorded,
  foldResults,
  marathonAdded,
  raceStarted,
  runnerRegistered,
  splitRecorded,
} from '../../test/results/results-fixtures';
import { DomainEvent } from '../decider/decider';
import { raceRecords } from './records';
import { rankRace } from './standings';

/** One marathon edition: its gun, and each finisher's lap and finish. */
const marathonEdition = (
  editionId: string,
  date: string,
  courseId: string,
  finishers: { bib: string; firstName: string; lastName: string; gender: 'M' | 'F'; country: string; time: string }[],
): DomainEvent[] => {
  const gun = `${date}T03:00:00.000Z`;
  return [
    editionPlanned({ editionId, date, number: Number(date.slice(0, 4)) - 2011 }),
    marathonAdded({ editionId, courseId }),
    raceStarted('marathon', gun, undefined, editionId),
    ...finishers.flatMap(({ bib, time, ...runner }) => [
      runnerRegistered(bib, { editionId, raceId: 'marathon', ...runner }),
      splitRecorded({ editionId, bib, raceId: 'marathon', pointId: 'finish', lap: 1, distanceM: 21097.5, time: after(gun, '1:10:00') }),
      finishRecorded({ editionId, bib, raceId: 'marathon', pointId: 'finish', lap: 2, distanceM: 42195, time: after(gun, time) }),
    ]),
  ];
};

const grigorov = { bib: '2', firstName: 'Nikolay', lastName: 'Grigorov', gender: 'M' as const, country: 'RUS' };
const krasilov = { bib: '1', firstName: 'Mikhail', lastName: 'Krasilov', gender: 'M' as const, country: 'KAZ' };
const aidosova = { bib: '5', firstName: 'Dana', lastName: 'Aidosova', gender: 'F' as const, country: 'KAZ' };

const history = [
  ...marathonEdition('almaty-2017', '2017-04-23', 'almaty-old-course', [{ ...grigorov, time: '2:30:09' }]),
  ...marathonEdition('almaty-2018', '2018-04-22', 'almaty-new-square-2018', [
    { ...krasilov, time: '2:33:00' },
    { ...grigorov, bib: '3', time: '2:34:10' },
    { ...aidosova, time: '3:04:00' },
  ]),
];

const recordsOf = (events: DomainEvent[], editionId: string) => {
  const state = foldResults(events);
  const edition = state[editionId]!;
  return raceRecords(Object.values(state), edition, edition.races['marathon']!, rankRace);
};

describe('records', () => {
  it('keep the event record across a course change when it is not broken (2:30:09 by Grigorov stands)', () => {
    const records = recordsOf(history, 'almaty-2018');
    const standing = { time: '2:30:09', firstName: 'Nikolay', lastName: 'Grigorov', country: 'RUS', club: null, bib: '2', editionId: 'almaty-2017' };
    expect(records.eventRecords).toEqual([
      { gender: 'M', ...standing, brokenInThisEdition: false, previous: standing },
      expect.objectContaining({ gender: 'F', time: '3:04:00', lastName: 'Aidosova', brokenInThisEdition: false, previous: null }),
    ]);
  });

  it('start course records afresh on a re-certified course', () => {
    const records = recordsOf(history, 'almaty-2018');
    expect(records.courseRecords[0]).toEqual({
      gender: 'M',
      time: '2:33:00',
      firstName: 'Mikhail',
      lastName: 'Krasilov',
      country: 'KAZ',
      club: null,
      bib: '1',
      editionId: 'almaty-2018',
      brokenInThisEdition: false,
      previous: null,
    });
  });

  it('count an edition as breaking a record only with a faster time than the one it had to beat', () => {
    const events = [
      ...history,
      ...marathonEdition('almaty-2019', '2019-04-21', 'almaty-new-square-2018', [
        { ...krasilov, bib: '9', time: '2:29:58.2' },
        { ...aidosova, bib: '10', time: '3:04:00' },
      ]),
    ];
    const records = recordsOf(events, 'almaty-2019');
    expect(records.eventRecords[0]).toMatchObject({
      gender: 'M', time: '2:29:59', editionId: 'almaty-2019', brokenInThisEdition: true, previous: { time: '2:30:09', lastName: 'Grigorov' },
    });
    expect(records.courseRecords[0]).toMatchObject({
      time: '2:29:59',
      brokenInThisEdition: true,
      previous: { time: '2:33:00', editionId: 'almaty-2018' },
    });
    // Equalling a record does not take it.
    expect(records.eventRecords[1]).toMatchObject({ gender: 'F', editionId: 'almaty-2018', brokenInThisEdition: false });
  });

  it('compare published seconds: 2:30:08.2 publishes as 2:30:09 and only equals the record', () => {
    const events = [...history, ...marathonEdition('almaty-2019', '2019-04-21', 'almaty-new-square-2018', [{ ...krasilov, bib: '9', time: '2:30:08.2' }])];
    expect(recordsOf(events, 'almaty-2019').eventRecords[0]).toMatchObject({ time: '2:30:09', editionId: 'almaty-2017', brokenInThisEdition: false });
  });

  it('ignore later editions: records as they stood after the edition asked about', () => {
    const events = [...history, ...marathonEdition('almaty-2019', '2019-04-21', 'almaty-new-square-2018', [{ ...krasilov, time: '2:20:00' }])];
    expect(recordsOf(events, 'almaty-2018').eventRecords[0]).toMatchObject({ time: '2:30:09', editionId: 'almaty-2017' });
  });
});
