import {
  after,
  editionPlanned,
  foldResults,
  GUN,
  raceStarted,
  runnerRegistered,
  splitRecorded,
  tenKAdded,
  tenKFinish,
} from '../../test/results/results-fixtures';
import { resultsCsv } from './results-csv';
import { rankRace } from './standings';

describe('results CSV', () => {
  const race = foldResults([
    editionPlanned(),
    tenKAdded(),
    raceStarted('10k'),
    runnerRegistered('1', { firstName: 'Anna "Fast"', lastName: 'Ivanova, Jr', gender: 'F', club: '=HYPERLINK("x")' }),
    runnerRegistered('2', { firstName: 'Erlan', lastName: 'Zhanasanov' }),
    splitRecorded({ bib: '1', pointId: '5k', distanceM: 5000, time: after(GUN, '0:18:00') }),
    tenKFinish('1', '0:36:00'),
  ])['almaty-2018']!.races['10k']!;

  it('has a header, quotes what needs quoting, writes formulas as text, and a column per intermediate split', () => {
    const lines = resultsCsv(race, rankRace(race).rows).split('\r\n');
    expect(lines[0]).toBe(
      'place,tied,bib,firstName,lastName,gender,category,genderPlace,categoryPlace,country,club,status,gunTime,netTime,pace,5k',
    );
    expect(lines[1]).toBe('1,false,1,"Anna ""Fast""","Ivanova, Jr",F,FOPEN,1,1,KAZ,"\'=HYPERLINK(""x"")",finished,0:36:00,0:36:00,3:36,0:18:00');
    expect(lines[2]).toBe(',false,2,Erlan,Zhanasanov,M,MOPEN,,,KAZ,,notStarted,,,,');
    expect(lines[3]).toBe('');
  });
});
