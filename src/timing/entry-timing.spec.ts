import { deciderSpec } from '../../test/decider-spec';
import { ConflictError, RuleViolationError } from '../decider/domain-errors';
import { TimeCorrected } from '../adjudication/adjudication-events';
import { EntryTimingCommand, EntryTimingEvent, entryTimingDecider, SentRead } from './entry-timing';
import { marathon as marathonCourse } from '../../test/http/race-day-fixtures';
import { Course } from './read-interpretation';

const { given } = deciderSpec(entryTimingDecider);

const marathon: Course = marathonCourse;
const GUN = '2018-04-22T03:00:00.000Z';
const at = (hms: string) => `2018-04-22T${hms}Z`;
const base = { editionId: 'almaty-2018', raceId: 'marathon', bib: '1' };
const on = { editionId: 'almaty-2018', bib: '1', race: marathon, gunTime: GUN };
const sent = (readId: string, pointId: string, hms: string, lap?: number): SentRead => ({ readId, pointId, time: at(hms), ...(lap !== undefined && { lap }) });
const record = (...reads: SentRead[]): EntryTimingCommand => ({ type: 'RecordReads', ...on, reads });
const recorded = ({ readId, pointId, time, lap }: SentRead): EntryTimingEvent => ({
  type: 'ReadRecorded',
  data: { ...base, readId, pointId, ...(lap !== undefined && { lap }), time },
});
const distanceOf = (pointId: string, lap: number) => marathon.timingPoints.find((p) => p.pointId === pointId && p.lap === lap)!.distanceM;
const split = (readId: string, pointId: string, lap: number, hms: string): EntryTimingEvent => ({
  type: 'SplitRecorded',
  data: { ...base, readId, pointId, lap, distanceM: distanceOf(pointId, lap), time: at(hms) },
});
const finish = (readId: string, hms: string): EntryTimingEvent => ({
  type: 'FinishRecorded',
  data: { ...base, readId, pointId: 'finish', lap: 2, distanceM: 42195, time: at(hms) },
});
/** The events a read appends when it arrives on its own: the fact, then what it counts as. */
const arrived = (read: SentRead, decision: EntryTimingEvent) => [recorded(read), decision];

const start = sent('r1', 'start', '03:00:20.0');
const tenK = sent('r2', '10k', '03:35:00.0');
const halfway = sent('r3', 'finish', '04:15:00.0');
const tenKAgain = sent('r4', '10k', '04:50:00.0');
const lapOne = [
  ...arrived(start, split('r1', 'start', 1, '03:00:20.0')),
  ...arrived(tenK, split('r2', '10k', 1, '03:35:00.0')),
  ...arrived(halfway, split('r3', 'finish', 1, '04:15:00.0')),
];

describe('recording timing reads', () => {
  it('keeps the read as sent and records the split it is', () =>
    given([]).when(record(start)).then(arrived(start, split('r1', 'start', 1, '03:00:20.0'))));

  it('gives a mat crossed twice the first lap further along than anything already passed', () =>
    given(lapOne).when(record(tenKAgain)).then(arrived(tenKAgain, split('r4', '10k', 2, '04:50:00.0'))));

  it('records the finish on the last lap with every lap done', () => {
    const line = sent('r5', 'finish', '05:33:00.0');
    given([...lapOne, ...arrived(tenKAgain, split('r4', '10k', 2, '04:50:00.0'))]).when(record(line)).then(arrived(line, finish('r5', '05:33:00.0')));
  });

  it('a late lap-1 read turns an earlier "lap 1" read into the lap-2 finish, saying which read caused it', () => {
    const line = sent('r5', 'finish', '05:33:00.0');
    given([...arrived(start, split('r1', 'start', 1, '03:00:20.0')), ...arrived(tenK, split('r2', '10k', 1, '03:35:00.0')), ...arrived(line, split('r5', 'finish', 1, '05:33:00.0'))])
      .when(record(halfway))
      .then([
        recorded(halfway),
        split('r3', 'finish', 1, '04:15:00.0'),
        {
          type: 'ReadReinterpreted',
          data: {
            ...base,
            readId: 'r5',
            previously: { status: 'counted', pointId: 'finish', lap: 1, finish: false },
            now: 'counted',
            reason: 'now counts as finish lap 2, the finish',
            causedBy: ['r3'],
          },
        },
        finish('r5', '05:33:00.0'),
      ]);
  });

  it('a read the same mat saw within a minute is the backup mat: kept, counted once', () => {
    const backup = sent('b3', 'finish', '04:15:01.2');
    given(lapOne).when(record(backup)).then([recorded(backup)]);
  });

  it('a read id already recorded changes nothing', () => given(lapOne).when(record(start)).then([]));

  it('flags what cannot be a crossing, with its reason, without counting it', () => {
    const early = sent('e1', 'start', '02:58:00.0');
    given([]).when(record(early)).thenEvents((events) => {
      expect(events[1]).toMatchObject({ type: 'ReadFlagged', data: { readId: 'e1', reasons: [expect.stringMatching(/before the gun/)] } });
    });
    const tooFast = sent('f1', '10k', '03:10:00.0');
    given([]).when(record(tooFast)).thenEvents((events) => {
      expect(events[1]).toMatchObject({ type: 'ReadFlagged', data: { reasons: [expect.stringMatching(/faster than a world record/)] } });
    });
  });

  it('a finish with a lap missing is flagged until the missing read arrives, then counts', () => {
    const line = sent('r5', 'finish', '05:33:00.0', 2);
    const flaggedFinish: EntryTimingEvent = {
      type: 'ReadFlagged',
      data: { ...base, readId: 'r5', pointId: 'finish', lap: 2, time: at('05:33:00.0'), reasons: ['lap 1 is not recorded: a finisher has every lap done'] },
    };
    given([...arrived(start, split('r1', 'start', 1, '03:00:20.0'))]).when(record(line)).then(arrived(line, flaggedFinish));
    given([...arrived(start, split('r1', 'start', 1, '03:00:20.0')), ...arrived(line, flaggedFinish)])
      .when(record(tenK))
      .thenEvents((events) => {
        expect(events.map((event) => event.type)).toEqual(['ReadRecorded', 'SplitRecorded', 'ReadReinterpreted', 'FinishRecorded']);
      });
  });

  it('reads of a legacy log (decisions without the read) are read back as facts', () => {
    const legacy = [
      split('r1', 'start', 1, '03:00:20.0'),
      split('r2', '10k', 1, '03:35:00.0'),
      split('r3', 'finish', 1, '04:15:00.0'),
      split('r4', '10k', 2, '04:50:00.0'),
      finish('r5', '05:33:00.0'),
    ];
    given(legacy).when(record(sent('r6', 'finish', '05:40:00.0'))).thenEvents((events) => {
      expect(events).toHaveLength(2);
      expect(events[1]).toMatchObject({ type: 'ReadFlagged', data: { readId: 'r6', reasons: ['every lap of finish is already recorded: an extra lap'] } });
    });
  });
});

describe('the same reads in any order', () => {
  const reads = [start, tenK, halfway, tenKAgain, sent('r5', 'finish', '05:33:00.0'), sent('b5', 'finish', '05:33:00.9'), sent('x', '10k', '03:36:00.0')];
  const counted = (events: EntryTimingEvent[]) => {
    const state = events.reduce(entryTimingDecider.evolve, entryTimingDecider.initialState());
    return JSON.stringify([...state.decided].sort(([a], [b]) => a.localeCompare(b)));
  };
  const arrive = (order: SentRead[][]) =>
    order.reduce<EntryTimingEvent[]>((log, batch) => {
      const state = log.reduce(entryTimingDecider.evolve, entryTimingDecider.initialState());
      return [...log, ...entryTimingDecider.decide(record(...batch), state)];
    }, []);

  it('end in the same decisions, one by one or in batches', () => {
    const inOrder = counted(arrive(reads.map((read) => [read])));
    expect(counted(arrive([...reads].reverse().map((read) => [read])))).toBe(inOrder);
    expect(counted(arrive([reads.slice(4), reads.slice(0, 4)]))).toBe(inOrder);
    expect(counted(arrive([[reads[4]!, reads[0]!], [reads[6]!], [reads[2]!, reads[1]!, reads[5]!, reads[3]!]]))).toBe(inOrder);
    expect(inOrder).toContain('"finish":true');
  });
});

describe('reviewing a flagged read', () => {
  const extra = sent('r9', '10k', '05:10:00.0');
  const history = [...lapOne, ...arrived(tenKAgain, split('r4', '10k', 2, '04:50:00.0'))];
  const flaggedExtra = entryTimingDecider.decide(record(extra), history.reduce(entryTimingDecider.evolve, entryTimingDecider.initialState()));
  const review = (decision: 'accept' | 'dismiss', lap?: number): EntryTimingCommand => ({
    type: 'ReviewRead',
    ...on,
    readId: 'r9',
    decision,
    ...(lap !== undefined && { lap }),
  });

  it('holds an extra lap for review', () => expect(flaggedExtra[1]).toMatchObject({ type: 'ReadFlagged', data: { reasons: [expect.stringMatching(/extra lap/)] } }));

  it('dismissing it records the review and takes it out of review', () =>
    given([...history, ...flaggedExtra])
      .when(review('dismiss'))
      .thenEvents((events) => {
        expect(events[0]).toEqual({ type: 'ReadReviewed', data: { ...base, readId: 'r9', decision: 'dismiss' } });
        expect(events[1]).toMatchObject({ type: 'ReadReinterpreted', data: { readId: 'r9', now: 'dismissed', causedBy: ['review:r9'] } });
      }));

  it('accepting needs the lap of a mat crossed on several laps, and one not already counted', () => {
    given([...history, ...flaggedExtra]).when(review('accept')).thenThrows(RuleViolationError, 'say which lap');
    given([...history, ...flaggedExtra]).when(review('accept', 2)).thenThrows(ConflictError, 'cannot count');
  });

  it('refuses to accept a read that is not held for review', () =>
    given(history).when({ ...review('accept', 2), readId: 'r4' } as EntryTimingCommand).thenThrows(ConflictError, 'not held for review'));
});

describe('correcting a time', () => {
  const correct = (pointId: string, lap: number | undefined, hms: string, override = false, correctionId = 'k1'): EntryTimingCommand => ({
    type: 'CorrectTime',
    ...on,
    correctionId,
    pointId,
    ...(lap !== undefined && { lap }),
    time: at(hms),
    override,
  });
  const full = [...lapOne, ...arrived(tenKAgain, split('r4', '10k', 2, '04:50:00.0')), ...arrived(sent('r5', 'finish', '05:33:05.0'), finish('r5', '05:33:05.0'))];

  it('names the read it corrects and the time it replaces', () =>
    given(full)
      .when(correct('finish', 2, '05:33:01.0'))
      .thenEvents(([corrected, withdrawn]) => {
        expect(corrected).toMatchObject({
          type: 'TimeCorrected',
          data: { time: at('05:33:01.0'), previousTime: at('05:33:05.0'), corrects: { type: 'FinishRecorded', id: 'r5' }, finish: true },
        });
        expect(withdrawn).toMatchObject({ type: 'ReadReinterpreted', data: { readId: 'r5', now: 'superseded' } });
      }));

  it('a second correction names the first', () => {
    const [first] = entryTimingDecider.decide(correct('finish', 2, '05:33:01.0'), full.reduce(entryTimingDecider.evolve, entryTimingDecider.initialState()));
    given([...full, first!])
      .when(correct('finish', 2, '05:33:02.0', false, 'k2'))
      .thenEvents(([event]) => expect((event as TimeCorrected).data.corrects).toEqual({ type: 'TimeCorrected', id: 'k1' }));
  });

  it('is checked like a read: before the gun, a negative or impossible segment is refused unless overridden', () => {
    given([]).when(correct('start', undefined, '02:59:00.0')).thenThrows(RuleViolationError, /before the gun.*override: true/);
    given(full).when(correct('10k', 1, '03:05:00.0')).thenThrows(RuleViolationError, 'faster than a world record');
    given(full).when(correct('10k', 2, '04:14:00.0')).thenThrows(RuleViolationError, 'negative segment');
    given([]).when(correct('start', undefined, '02:59:00.0', true)).thenEvents(([event]) => expect(event!.type).toBe('TimeCorrected'));
  });

  it('needs the lap of a mat crossed on several laps, and refuses a correction that changes nothing', () => {
    given(full).when(correct('finish', undefined, '05:33:01.0')).thenThrows(RuleViolationError, 'say which lap');
    given(full).when(correct('finish', 2, '05:33:05.0')).thenThrows(RuleViolationError, 'already has');
  });
});
