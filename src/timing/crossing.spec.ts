import { deciderSpec } from '../../test/decider-spec';
import { crossingDecider, ReadRejected, RecordRead } from './crossing';
import { FinishRecorded, ReadFlagged, SplitRecorded } from './timing-events';

const { given } = deciderSpec(crossingDecider);

const marathon: RecordRead['race'] = {
  raceId: 'marathon',
  laps: 2,
  distanceM: 42195,
  timingPoints: [
    { pointId: 'start', distanceM: 0, lap: 1 },
    { pointId: '10k', distanceM: 10000, lap: 1 },
    { pointId: 'finish', distanceM: 21097.5, lap: 1 },
    { pointId: '10k', distanceM: 31097.5, lap: 2 },
    { pointId: 'finish', distanceM: 42195, lap: 2 },
  ],
};
const GUN = '2018-04-22T03:00:00.000Z';
const at = (hms: string) => `2018-04-22T${hms}Z`;
const read = (readId: string, pointId: string, time: string, lap?: number): RecordRead => ({
  type: 'RecordRead',
  editionId: 'almaty-2018',
  bib: '1',
  read: { readId, pointId, time, ...(lap !== undefined && { lap }) },
  race: marathon,
  gunTime: GUN,
});
const base = { editionId: 'almaty-2018', raceId: 'marathon', bib: '1' };
const split = (readId: string, pointId: string, lap: number, distanceM: number, time: string): SplitRecorded => ({
  type: 'SplitRecorded',
  data: { ...base, readId, pointId, lap, distanceM, time },
});
const finish = (readId: string, time: string): FinishRecorded => ({
  type: 'FinishRecorded',
  data: { ...base, readId, pointId: 'finish', lap: 2, distanceM: 42195, time },
});
const flaggedWith = (reason: RegExp) => (events: unknown[]) => {
  expect(events).toHaveLength(1);
  const [event] = events as ReadFlagged[];
  expect(event!.type).toBe('ReadFlagged');
  expect(event!.data.reasons.join('; ')).toMatch(reason);
};

const lapOne = [
  split('r1', 'start', 1, 0, at('03:00:20.0')),
  split('r2', '10k', 1, 10000, at('03:35:00.0')),
  split('r3', 'finish', 1, 21097.5, at('04:15:00.0')),
];

describe('recording a timing read', () => {
  it('records a split with the lap the mat is on', () =>
    given([]).when(read('r1', 'start', at('03:00:20.0'))).then([split('r1', 'start', 1, 0, at('03:00:20.0'))]));

  it('infers the lap of a mat crossed twice from the laps already crossed', () =>
    given(lapOne).when(read('r4', '10k', at('04:50:00.0'))).then([split('r4', '10k', 2, 31097.5, at('04:50:00.0'))]));

  it('records a finish only on the last lap with every lap done', () =>
    given([...lapOne, split('r4', '10k', 2, 31097.5, at('04:50:00.0'))])
      .when(read('r5', 'finish', at('05:33:00.0'), 2))
      .then([finish('r5', at('05:33:00.0'))]));

  it('the finish mat on lap 1 is a split, not a finish', () =>
    given(lapOne.slice(0, 2)).when(read('r3', 'finish', at('04:15:00.0'))).then([lapOne[2]!]));

  it('flags a finish when a lap is missing: no finisher without every lap', () =>
    given([split('r1', 'start', 1, 0, at('03:00:20.0'))])
      .when(read('r5', 'finish', at('05:33:00.0'), 2))
      .thenEvents(flaggedWith(/lap 1 is not recorded/)));

  it('flags a crossing on an extra lap instead of ranking it', () =>
    given([...lapOne, split('r4', '10k', 2, 31097.5, at('04:50:00.0'))])
      .when(read('r9', '10k', at('05:20:00.0')))
      .thenEvents(flaggedWith(/extra lap/)));

  it('a read sent twice is recorded once', () => given(lapOne).when(read('r2', '10k', at('03:35:00.0'), 1)).then([]));

  it('a backup mat without a lap, reading the lap line just crossed, is that crossing again, not lap 2', () =>
    given(lapOne).when(read('backup-3', 'finish', at('04:15:00.4'))).then([]));

  it('a backup mat reading the same crossing a few seconds later adds nothing', () =>
    given(lapOne).when(read('backup-7', '10k', at('03:35:02.5'), 1)).then([]));

  it('flags a read before the gun', () =>
    given([]).when(read('r0', 'start', at('02:59:00.0'))).thenEvents(flaggedWith(/before the gun/)));

  it('flags a read out of course order', () =>
    given(lapOne.slice(0, 2)).when(read('r1b', 'start', at('03:40:00.0'))).thenEvents(flaggedWith(/already crossed|out of course order/)));

  it('flags a segment faster than a world record', () =>
    given([split('r1', 'start', 1, 0, at('03:00:20.0'))])
      .when(read('r2', '10k', at('03:20:00.0')))
      .thenEvents(flaggedWith(/faster than a world record from start/)));

  it('flags any read after the runner finished', () =>
    given([...lapOne, split('r4', '10k', 2, 31097.5, at('04:50:00.0')), finish('r5', at('05:33:00.0'))])
      .when(read('r6', '10k', at('05:40:00.0'), 2))
      .thenEvents(flaggedWith(/already crossed/)));

  it('a flagged read sent again is not flagged twice', () =>
    given([{ type: 'ReadFlagged', data: { ...base, readId: 'r0', pointId: 'start', time: at('02:59:00.0'), reasons: ['before the gun'] } }])
      .when(read('r0', 'start', at('02:59:00.0')))
      .then([]));

  it('rejects a read at a point that is not on the course, or on a lap the race does not have', () => {
    given([]).when(read('x', 'bridge', at('03:10:00.0'))).thenThrows(ReadRejected, 'not on the course');
    given([]).when(read('x', '10k', at('03:10:00.0'), 3)).thenThrows(ReadRejected, 'no lap 3');
  });
});
