import {
  after,
  asRecorded,
  editionPlanned,
  foldResults,
  GUN,
  raceStarted,
  runnerRegistered,
  splitRecorded,
  tenKAdded,
  tenKFinish,
} from '../../test/results/results-fixtures';
import { resultsProjection } from './results.projection';

describe('results projection', () => {
  const raceDay = [
    editionPlanned(),
    tenKAdded(),
    raceStarted('10k'),
    runnerRegistered('101', { club: 'Kairat', entryFee: { amountMinor: 500000, currency: 'KZT' } }),
  ];

  it('keeps each edition and race with its runners, their registration and their crossings by read id', () => {
    const startMat = splitRecorded({ bib: '101', pointId: 'start', distanceM: 0, time: GUN, readId: 'r1' });
    const race = foldResults([...raceDay, startMat, tenKFinish('101', '0:40:00')])['almaty-2018']!.races['10k']!;
    expect(race).toMatchObject({ date: '2018-04-22', courseId: 'almaty-new-square-10k', guns: [{ gunTime: GUN }] });
    expect(race.runners['101']).toEqual({
      registration: {
        bib: '101',
        firstName: 'Runner',
        lastName: 'Number 101',
        gender: 'M',
        dateOfBirth: '1990-06-01',
        country: 'KAZ',
        club: 'Kairat',
      },
      crossings: [
        { readId: 'r1', pointId: 'start', lap: 1, distanceM: 0, time: GUN, finish: false },
        expect.objectContaining({ pointId: 'finish', time: after(GUN, '0:40:00'), finish: true }),
      ],
      changes: 2,
    });
  });

  it('counts a read id once, and marks the race changed only when something changed', () => {
    const read = splitRecorded({ bib: '101', pointId: '5k', distanceM: 5000, time: after(GUN, '0:20:00'), readId: 'r5' });
    const once = foldResults([...raceDay, read])['almaty-2018']!.races['10k']!;
    const twice = foldResults([...raceDay, read, read])['almaty-2018']!.races['10k']!;
    expect(twice.runners['101']!.crossings).toHaveLength(1);
    expect(twice.changes).toBe(once.changes);
  });

  it('passes over crossings of a bib or race it does not know', () => {
    const otherRace = tenKFinish('101', '0:30:00');
    otherRace.data.raceId = 'nowhere';
    const state = foldResults([...raceDay, tenKFinish('999', '0:30:00'), otherRace]);
    expect(state['almaty-2018']!.races['10k']!.runners['999']).toBeUndefined();
    expect(state['almaty-2018']!.races['10k']!.runners['101']!.crossings).toEqual([]);
  });

  it('is plain JSON and replays to the same state', () => {
    const events = asRecorded([...raceDay, tenKFinish('101', '0:40:00')]);
    const first = events.reduce(resultsProjection.evolve, resultsProjection.initialState());
    const again = events.reduce(resultsProjection.evolve, resultsProjection.initialState());
    expect(JSON.parse(JSON.stringify(first))).toEqual(first);
    expect(again).toEqual(first);
  });
});
