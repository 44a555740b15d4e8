import { editionPlanned, foldResults, marathonAdded, runnerRegistered, tenKAdded } from '../../test/results/results-fixtures';
import { statisticsOf } from './statistics';

describe('edition statistics', () => {
  it('count entrants per race and the countries they come from', () => {
    const state = foldResults([
      editionPlanned(),
      tenKAdded(),
      marathonAdded(),
      tenKAdded({ raceId: 'kids', maxAge: 14 }),
      runnerRegistered('1', { country: 'KAZ' }),
      runnerRegistered('2', { country: 'RUS' }),
      runnerRegistered('3', { country: 'KAZ', raceId: 'marathon' }),
      runnerRegistered('4', { country: 'UZB', raceId: 'marathon' }),
    ]);
    expect(statisticsOf(state['almaty-2018']!)).toEqual({
      editionId: 'almaty-2018',
      entrants: 4,
      countries: 3,
      byRace: { '10k': 2, marathon: 2, kids: 0 },
      byCountry: { KAZ: 2, RUS: 1, UZB: 1 },
    });
  });
});
