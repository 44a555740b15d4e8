import { asRecorded, editionPlanned, foldResults, raceStarted, runnerRegistered, tenKAdded, tenKFinish } from '../../test/results/results-fixtures';
import { ProjectionRunner } from '../projections/projection-runner';
import { SettledFolds } from '../projections/settled-folds';
import { ResultsReader } from './results-reader';
import { resultsProjection } from './results.projection';

describe('standings cache', () => {
  const reader = new ResultsReader({} as ProjectionRunner, {} as SettledFolds);

  it('ranks a race once until the race changes', () => {
    const state = foldResults([
      editionPlanned(),
      tenKAdded(),
      raceStarted('10k'),
      runnerRegistered('1'),
      runnerRegistered('2'),
      tenKFinish('2', '0:35:00'),
    ]);
    const race = state['almaty-2018']!.races['10k']!;
    const first = reader.standings(race);
    expect(reader.standings(race)).toBe(first);

    const [finish] = asRecorded([tenKFinish('1', '0:34:00')], 100);
    resultsProjection.evolve(state, finish!);
    const after = reader.standings(race);
    expect(after).not.toBe(first);
    expect(after.rows.map((row) => [row.bib, row.place])).toEqual([['1', 1], ['2', 2]]);
  });
});
