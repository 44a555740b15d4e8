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

  it('count an IOC code recorded before codes were stored as ISO ones as the same country', () => {
    const state = foldResults([editionPlanned(), tenKAdded(), runnerRegistered('1', { country: 'GER' }), runnerRegistered('2', { country: 'DEU' })]);
    expect(statisticsOf(state['almaty-2018']!)).toMatchObject({ countries: 1, byCountry: { DEU: 2 } });
  });

  it('count every leg runner of a relay team as an entrant', () => {
    const state = foldResults([editionPlanned(), tenKAdded(), tenKAdded({ raceId: 'ekiden' })]);
    const runner = (leg: number, country: string) => ({ leg, firstName: 'A', lastName: 'B', gender: 'M' as const, dateOfBirth: '1990-01-01', country });
    const relay = {
      raceId: 'ekiden',
      exchanges: [],
      closed: false,
      teams: { E1: { bib: 'E1', name: 'Batyr-1', category: 'military' as const, runners: [runner(1, 'KAZ'), runner(2, 'RUS')], crossings: {}, sources: {} } },
    };
    expect(statisticsOf(state['almaty-2018']!, { ekiden: relay })).toMatchObject({ entrants: 2, byRace: { '10k': 0, ekiden: 2 }, byCountry: { KAZ: 1, RUS: 1 } });
  });
});
