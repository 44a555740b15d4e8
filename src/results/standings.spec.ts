import {
  after,
  editionPlanned,
  finishRecorded,
  foldResults,
  GUN,
  marathonAdded,
  raceClosed,
  raceStarted,
  runnerRegistered,
  splitRecorded,
  tenKAdded,
  tenKFinish,
} from '../../test/results/results-fixtures';
import { DomainEvent } from '../decider/decider';
import { RaceResults } from './results.projection';
import { competitionRanks, rankRace, ResultRow } from './standings';

const raceOf = (events: DomainEvent[], raceId = '10k'): RaceResults => foldResults(events)['almaty-2018']!.races[raceId]!;
const tenK = (...events: DomainEvent[]) => rankRace(raceOf([editionPlanned(), tenKAdded(), raceStarted('10k'), ...events]));
const pick = (rows: ResultRow[], ...fields: (keyof ResultRow)[]) =>
  rows.map((row) => Object.fromEntries(fields.map((field) => [field, row[field]])));

describe('places', () => {
  it('go by gun time; equal times share a place and the next place is skipped (1, 2, 2, 4)', () => {
    const { rows } = tenK(
      runnerRegistered('1'), runnerRegistered('2'), runnerRegistered('3'), runnerRegistered('4'),
      tenKFinish('4', '0:31:00.0'), tenKFinish('2', '0:30:10.2'), tenKFinish('3', '0:30:10.2'), tenKFinish('1', '0:29:59.9'),
    );
    expect(pick(rows, 'bib', 'place', 'tied', 'gunTime')).toEqual([
      { bib: '1', place: 1, tied: false, gunTime: '0:30:00' },
      { bib: '2', place: 2, tied: true, gunTime: '0:30:11' },
      { bib: '3', place: 2, tied: true, gunTime: '0:30:11' },
      { bib: '4', place: 4, tied: false, gunTime: '0:31:00' },
    ]);
  });

  it('compare full read precision, and publish whole seconds rounded up (2:09:44.3 -> 2:09:45)', () => {
    const { rows } = rankRace(
      raceOf(
        [
          editionPlanned(), marathonAdded(), raceStarted('marathon'),
          runnerRegistered('7', { raceId: 'marathon' }), runnerRegistered('8', { raceId: 'marathon' }),
          ...['7', '8'].map((bib) => splitRecorded({ bib, raceId: 'marathon', pointId: 'finish', distanceM: 21097.5, time: after(GUN, '1:05:00') })),
          finishRecorded({ bib: '8', raceId: 'marathon', pointId: 'finish', lap: 2, distanceM: 42195, time: after(GUN, '2:09:44.9') }),
          finishRecorded({ bib: '7', raceId: 'marathon', pointId: 'finish', lap: 2, distanceM: 42195, time: after(GUN, '2:09:44.3') }),
        ],
        'marathon',
      ),
    );
    expect(pick(rows, 'bib', 'place', 'tied', 'gunTime')).toEqual([
      { bib: '7', place: 1, tied: false, gunTime: '2:09:45' },
      { bib: '8', place: 2, tied: false, gunTime: '2:09:45' },
    ]);
  });

  it('rank gender and category within the overall order, and keep ties in them too', () => {
    const { rows } = tenK(
      runnerRegistered('1', { gender: 'F', dateOfBirth: '1978-01-01' }),
      runnerRegistered('2', { gender: 'M', dateOfBirth: '1990-01-01' }),
      runnerRegistered('3', { gender: 'F', dateOfBirth: '1976-05-05' }),
      runnerRegistered('4', { gender: 'F', dateOfBirth: '1995-01-01' }),
      runnerRegistered('5', { gender: 'F', dateOfBirth: '1977-03-03' }),
      tenKFinish('2', '0:30:00'), tenKFinish('1', '0:35:00'), tenKFinish('4', '0:36:00'), tenKFinish('3', '0:37:00'), tenKFinish('5', '0:37:00'),
    );
    expect(pick(rows, 'bib', 'place', 'genderPlace', 'category', 'categoryPlace')).toEqual([
      { bib: '2', place: 1, genderPlace: 1, category: 'MOPEN', categoryPlace: 1 },
      { bib: '1', place: 2, genderPlace: 1, category: 'F40', categoryPlace: 1 },
      { bib: '4', place: 3, genderPlace: 2, category: 'FOPEN', categoryPlace: 1 },
      { bib: '3', place: 4, genderPlace: 3, category: 'F40', categoryPlace: 2 },
      { bib: '5', place: 4, genderPlace: 3, category: 'F40', categoryPlace: 2 },
    ]);
  });

  it('rank standard competition style', () => {
    expect(competitionRanks([1, 2, 2, 4, 4, 4, 7])).toEqual([1, 2, 2, 4, 4, 4, 7]);
    expect(competitionRanks([5, 5, 5])).toEqual([1, 1, 1]);
  });
});

describe('status', () => {
  const field = [
    runnerRegistered('1'), runnerRegistered('2'), runnerRegistered('3'), runnerRegistered('4'),
    splitRecorded({ bib: '2', pointId: 'start', distanceM: 0, time: after(GUN, '0:00:20') }),
    splitRecorded({ bib: '3', pointId: '5k', distanceM: 5000, time: after(GUN, '0:20:00') }),
    tenKFinish('4', '0:40:00'),
  ];
  const unplaced = { place: null, genderPlace: null, categoryPlace: null, gunTime: null, netTime: null, pace: null };

  it('during the race: a runner seen is on the course (at the last point seen), one not seen has not started', () => {
    const { rows } = tenK(...field);
    expect(pick(rows, 'bib', 'status', 'lastSeen')).toEqual([
      { bib: '4', status: 'finished', lastSeen: { pointId: 'finish', lap: 1, time: after(GUN, '0:40:00') } },
      { bib: '3', status: 'onCourse', lastSeen: { pointId: '5k', lap: 1, time: after(GUN, '0:20:00') } },
      { bib: '2', status: 'onCourse', lastSeen: { pointId: 'start', lap: 1, time: after(GUN, '0:00:20') } },
      { bib: '1', status: 'notStarted', lastSeen: null },
    ]);
  });

  it('once closed: places finishers, then lists DNF (furthest first) and DNS, unplaced and without times', () => {
    const { rows } = tenK(...field, raceClosed('10k'));
    expect(pick(rows, 'bib', 'status', 'place', 'genderPlace', 'categoryPlace', 'gunTime', 'netTime', 'pace')).toEqual([
      { bib: '4', status: 'finished', place: 1, genderPlace: 1, categoryPlace: 1, gunTime: '0:40:00', netTime: '0:40:00', pace: '4:00' },
      { bib: '3', status: 'DNF', ...unplaced },
      { bib: '2', status: 'DNF', ...unplaced },
      { bib: '1', status: 'DNS', ...unplaced },
    ]);
  });

  it('lets an adjudicated status win over the mats: a disqualified finisher is not placed', () => {
    const race = raceOf([
      editionPlanned(),
      tenKAdded(),
      raceStarted('10k'),
      runnerRegistered('1'),
      runnerRegistered('2'),
      tenKFinish('1', '0:29:00'),
      tenKFinish('2', '0:31:00'),
    ]);
    race.runners['1']!.statusOverride = 'DSQ';
    expect(pick(rankRace(race).rows, 'bib', 'status', 'place')).toEqual([
      { bib: '2', status: 'finished', place: 1 },
      { bib: '1', status: 'DSQ', place: null },
    ]);
  });
});

describe('categories on race day', () => {
  it('count age on the day: 35 on race day is M35, a day short is MOPEN; under 18 is U18 in an adult race', () => {
    const { byBib } = tenK(
      runnerRegistered('1', { dateOfBirth: '1983-04-22' }),
      runnerRegistered('2', { dateOfBirth: '1983-04-23' }),
      runnerRegistered('3', { dateOfBirth: '2003-04-22', gender: 'F' }),
      runnerRegistered('4', { dateOfBirth: '2000-04-23', gender: 'F' }),
      runnerRegistered('5', { dateOfBirth: '1948-04-22' }),
    );
    expect(['1', '2', '3', '4', '5'].map((bib) => byBib.get(bib)?.category)).toEqual(['M35', 'MOPEN', 'FU18', 'FU18', 'M70']);
  });

  it('split a kids race in 2-year bands from U8 to U18', () => {
    const kids = rankRace(
      raceOf(
        [
          editionPlanned(),
          tenKAdded({ raceId: 'kids', distanceM: 3000, timingPoints: [{ pointId: 'finish', distanceM: 3000, lap: 1 }], minAge: 6, maxAge: 17 }),
          ...[
            ['1', '2011-04-23'], // 6
            ['2', '2010-04-22'], // 8 on race day
            ['3', '2009-01-01'], // 9
            ['4', '2004-04-23'], // 13
            ['5', '2000-04-23'], // 17
          ].map(([bib, dateOfBirth]) => runnerRegistered(bib!, { raceId: 'kids', dateOfBirth: dateOfBirth! })),
        ],
        'kids',
      ),
    );
    expect(['1', '2', '3', '4', '5'].map((bib) => kids.byBib.get(bib)?.category)).toEqual(['MU8', 'MU10', 'MU10', 'MU14', 'MU18']);
  });
});

describe('gun and net time', () => {
  it('start each runner with their wave\'s gun, else the race\'s', () => {
    const waveB = '2018-04-22T03:10:00.000Z';
    const { rows } = tenK(
      raceStarted('10k', waveB, 'B'),
      runnerRegistered('1'), runnerRegistered('2', { wave: 'B' }), runnerRegistered('3', { wave: 'C' }),
      tenKFinish('1', '0:35:00'),
      tenKFinish('2', '0:33:00', waveB),
      tenKFinish('3', '0:34:00'),
    );
    expect(pick(rows, 'bib', 'place', 'gunTime')).toEqual([
      { bib: '2', place: 1, gunTime: '0:33:00' },
      { bib: '3', place: 2, gunTime: '0:34:00' },
      { bib: '1', place: 3, gunTime: '0:35:00' },
    ]);
  });

  it('take net time from the start mat, place by gun time, and give pace per km of net time', () => {
    const { rows } = tenK(
      runnerRegistered('1'), runnerRegistered('2'),
      splitRecorded({ bib: '1', pointId: 'start', distanceM: 0, time: after(GUN, '0:02:00.5') }),
      tenKFinish('1', '0:41:00'),
      tenKFinish('2', '0:40:00'),
    );
    expect(pick(rows, 'bib', 'place', 'gunTime', 'netTime', 'pace')).toEqual([
      { bib: '2', place: 1, gunTime: '0:40:00', netTime: '0:40:00', pace: '4:00' },
      { bib: '1', place: 2, gunTime: '0:41:00', netTime: '0:39:00', pace: '3:54' },
    ]);
  });
});

describe('splits', () => {
  it('time each segment from the previous recorded point and rank it among everyone with that segment', () => {
    const split = (bib: string, raceTime: string) => splitRecorded({ bib, pointId: '5k', distanceM: 5000, time: after(GUN, raceTime) });
    const { byBib } = tenK(
      runnerRegistered('1'), runnerRegistered('2'), runnerRegistered('3'), runnerRegistered('4'),
      splitRecorded({ bib: '1', pointId: 'start', distanceM: 0, time: after(GUN, '0:00:30') }),
      split('1', '0:20:30'), split('2', '0:19:00'), split('3', '0:21:00'),
      tenKFinish('1', '0:39:30'), tenKFinish('2', '0:40:00'), tenKFinish('3', '0:41:00'), tenKFinish('4', '0:38:00'),
    );
    const segments = (bib: string) =>
      byBib.get(bib)!.splits.map(({ pointId, segmentFrom, segmentTime, segmentRank }) => ({
        pointId,
        from: segmentFrom?.pointId ?? 'start',
        segmentTime,
        segmentRank,
      }));
    expect(segments('1')).toEqual([
      { pointId: '5k', from: 'start', segmentTime: '0:20:00', segmentRank: 2 },
      { pointId: 'finish', from: '5k', segmentTime: '0:19:00', segmentRank: 1 },
    ]);
    expect(segments('2')).toEqual([
      { pointId: '5k', from: 'start', segmentTime: '0:19:00', segmentRank: 1 },
      { pointId: 'finish', from: '5k', segmentTime: '0:21:00', segmentRank: 3 },
    ]);
    expect(segments('3')[1]).toEqual({ pointId: 'finish', from: '5k', segmentTime: '0:20:00', segmentRank: 2 });
    // Missed the 5 km mat: start to finish is a segment of its own, not compared with the 5k-to-finish ones.
    expect(segments('4')).toEqual([{ pointId: 'finish', from: 'start', segmentTime: '0:38:00', segmentRank: 1 }]);
    expect(byBib.get('1')!.splits[0]).toMatchObject({ gunTime: '0:20:30', netTime: '0:20:00', finish: false });
    expect(byBib.get('1')!.splits[1]).toMatchObject({ gunTime: '0:39:30', netTime: '0:39:00', finish: true });
  });

  it('count the first read of a mat when a backup mat reads it again', () => {
    const { byBib } = tenK(
      runnerRegistered('1'),
      splitRecorded({ bib: '1', pointId: '5k', distanceM: 5000, time: after(GUN, '0:20:01'), readId: 'backup' }),
      splitRecorded({ bib: '1', pointId: '5k', distanceM: 5000, time: after(GUN, '0:20:00'), readId: 'main' }),
    );
    expect(byBib.get('1')!.splits.map((s) => s.gunTime)).toEqual(['0:20:00']);
  });
});

describe('laps', () => {
  const lapOne = (bib: string, raceTime: string) =>
    splitRecorded({ bib, raceId: 'marathon', pointId: 'finish', lap: 1, distanceM: 21097.5, time: after(GUN, raceTime) });
  const marathon = (...events: DomainEvent[]) =>
    rankRace(raceOf([editionPlanned(), marathonAdded(), raceStarted('marathon'), ...events], 'marathon'));

  it('make the finish mat crossed on lap 1 a split, never a finish', () => {
    const { rows } = marathon(
      runnerRegistered('1', { raceId: 'marathon' }), runnerRegistered('2', { raceId: 'marathon' }),
      lapOne('1', '1:05:00'),
      lapOne('2', '1:15:00'),
      finishRecorded({ bib: '2', raceId: 'marathon', pointId: 'finish', lap: 2, distanceM: 42195, time: after(GUN, '2:33:00') }),
    );
    expect(pick(rows, 'bib', 'place', 'status', 'gunTime')).toEqual([
      { bib: '2', place: 1, status: 'finished', gunTime: '2:33:00' },
      { bib: '1', place: null, status: 'onCourse', gunTime: null },
    ]);
    expect(rows[0]!.splits.map((s) => ({ lap: s.lap, gunTime: s.gunTime, finish: s.finish }))).toEqual([
      { lap: 1, gunTime: '1:15:00', finish: false },
      { lap: 2, gunTime: '2:33:00', finish: true },
    ]);
    expect(rows[1]!.splits).toEqual([expect.objectContaining({ pointId: 'finish', lap: 1, finish: false, segmentRank: 1 })]);
  });
});

describe('plausibility of a segment against the field', () => {
  it('is good near the median, questionable moderately off, bad far off (OpenSplitTime bands)', () => {
    const { rows } = tenK(
      ...['1', '2', '3', '4', '5'].map((bib) => runnerRegistered(bib)),
      tenKFinish('1', '0:40:00'),
      tenKFinish('2', '0:41:00'),
      tenKFinish('3', '0:42:00'),
      tenKFinish('4', '1:10:00'),
      tenKFinish('5', '0:15:00'),
    );
    const finishSplit = (bib: string) => rows.find((row) => row.bib === bib)!.splits.find((split) => split.finish)!.plausibility;
    expect(['1', '2', '3', '4', '5'].map(finishSplit)).toEqual(['good', 'good', 'good', 'questionable', 'bad']);
  });
});
