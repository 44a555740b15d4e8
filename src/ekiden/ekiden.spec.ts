import { deciderSpec } from '../../test/decider-spec';
import { ConflictError, RuleViolationError } from '../decider/domain-errors';
import { RelayRace, RelayTeam } from './ekiden.projection';
import { relayStandings } from './standings';
import { RegisterTeam, teamDecider } from './team';
import { LegRunner, TeamRegistered } from './team-events';

const legs = [5000, 10000, 5000, 10000, 5000, 7195].map((distanceM, index) => ({ leg: index + 1, distanceM }));
const runners: LegRunner[] = legs.map(({ leg }) => ({ leg, firstName: `Leg${leg}`, lastName: 'Runner', gender: 'M', dateOfBirth: '1990-01-01', country: 'KAZ' }));
const team: TeamRegistered['data'] = {
  editionId: 'almaty-2018',
  raceId: 'ekiden',
  bib: 'E1',
  chipId: 'S1',
  name: 'Batyr-1',
  organisation: 'Presidential Regiment',
  category: 'military',
  runners,
};
const register = (data: Partial<TeamRegistered['data']> = {}): RegisterTeam => ({
  type: 'RegisterTeam',
  data: { ...team, ...data },
  edition: { registrationOpen: true, date: '2018-04-22', race: { raceId: 'ekiden', kind: 'relay', minAge: 18, legs } },
});

describe('registering a relay team', () => {
  const { given } = deciderSpec(teamDecider);

  it('registers a team with a runner for every leg', () => given([]).when(register()).then([{ type: 'TeamRegistered', data: team }]));

  it('refuses a team missing a leg', () =>
    given([]).when(register({ runners: runners.slice(0, 5) })).thenThrows(RuleViolationError, 'one runner for each of legs 1, 2, 3, 4, 5, 6'));

  it('refuses an under-age leg runner', () =>
    given([])
      .when(register({ runners: runners.map((r) => (r.leg === 4 ? { ...r, dateOfBirth: '2005-01-01' } : r)) }))
      .thenThrows(RuleViolationError, 'leg 4: a runner of 13 is under the minimum age of 18'));

  it('refuses a taken bib', () => given([{ type: 'TeamRegistered', data: team }]).when(register()).thenThrows(ConflictError, 'bib E1'));
});

const GUN = Date.parse('2018-04-22T03:00:00.000Z');
const exchanges = ['x1', 'x2', 'x3', 'x4', 'x5', 'finish'].map((pointId, index) => ({ leg: index + 1, pointId, lap: 1 }));
const teamWith = (bib: string, category: RelayTeam['category'], legMinutes: (number | null)[], extra: Partial<RelayTeam> = {}): RelayTeam => {
  const crossings: Record<string, string> = {};
  let elapsed = 0;
  legMinutes.forEach((minutes, index) => {
    elapsed += Math.abs(minutes ?? 20);
    if (minutes !== null) crossings[`${exchanges[index]!.pointId}@1`] = new Date(GUN + elapsed * 60000).toISOString();
  });
  return { bib, name: `Team ${bib}`, category, runners, crossings, sources: {}, ...extra };
};
const race = (...teams: RelayTeam[]): RelayRace => ({
  raceId: 'ekiden',
  exchanges,
  closed: false,
  gunTime: new Date(GUN).toISOString(),
  teams: Object.fromEntries(teams.map((t) => [t.bib, t])),
});

describe('relay standings', () => {
  it('places teams by the anchor\'s gun time, with leg times and leg ranks', () => {
    const { rows, fastestLegs } = relayStandings(race(teamWith('B', 'corporate', [17, 35, 17, 36, 18, 26]), teamWith('A', 'military', [16, 34, 17, 35, 17, 25])));
    expect(rows.map((r) => [r.bib, r.place, r.categoryPlace, r.teamTime])).toEqual([
      ['A', 1, 1, '2:24:00'],
      ['B', 2, 1, '2:29:00'],
    ]);
    expect(rows[0]!.legs.map((l) => [l.leg, l.time, l.rank])).toEqual([
      [1, '0:16:00', 1],
      [2, '0:34:00', 1],
      [3, '0:17:00', 1],
      [4, '0:35:00', 1],
      [5, '0:17:00', 1],
      [6, '0:25:00', 1],
    ]);
    expect(rows[1]!.legs[2]).toEqual({ leg: 3, runner: 'Leg3 Runner', time: '0:17:00', rank: 1 });
    expect(fastestLegs[0]).toEqual({ leg: 1, time: '0:16:00', bib: 'A', team: 'Team A', runner: 'Leg1 Runner' });
  });

  it('a missing exchange read is a gap, not zero: the legs around it are unknown, the team time stands', () => {
    const { rows } = relayStandings(race(teamWith('A', 'media', [16, 34, null, 35, 17, 25])));
    expect(rows[0]!.missingExchanges).toEqual(['x3']);
    expect(rows[0]!.legs.map((l) => l.time)).toEqual(['0:16:00', '0:34:00', null, null, '0:17:00', '0:25:00']);
    expect(rows[0]!.teamTime).toBe('2:27:00');
    expect(rows[0]!.place).toBe(1);
  });

  it('a disqualified leg runner disqualifies the team: never placed', () => {
    const { rows } = relayStandings(
      race(teamWith('A', 'military', [16, 34, 17, 35, 17, 25], { disqualification: { rule: 'TR 54.7', leg: 2 } }), teamWith('B', 'military', [17, 35, 17, 36, 18, 26])),
    );
    expect(rows.map((r) => [r.bib, r.place, r.status])).toEqual([
      ['B', 1, 'finished'],
      ['A', null, 'DSQ'],
    ]);
  });

  it('teams timing cannot separate share a place', () => {
    const { rows } = relayStandings(race(teamWith('A', 'open', [16, 34, 17, 35, 17, 25]), teamWith('B', 'open', [17, 33, 17, 35, 17, 25])));
    expect(rows.map((r) => r.place)).toEqual([1, 1]);
  });

  it('a team seen is on the course and one with no read has not started, until the race is closed: then DNF and DNS', () => {
    const teams = [teamWith('A', 'open', [16, 34, null, null, null, null]), { bib: 'Z', name: 'Z', category: 'open' as const, runners, crossings: {}, sources: {} }];
    expect(relayStandings(race(...teams)).rows.map((r) => [r.bib, r.status])).toEqual([
      ['A', 'onCourse'],
      ['Z', 'notStarted'],
    ]);
    expect(relayStandings({ ...race(...teams), closed: true }).rows.map((r) => [r.bib, r.status])).toEqual([
      ['A', 'DNF'],
      ['Z', 'DNS'],
    ]);
  });
});
