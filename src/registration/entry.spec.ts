import { deciderSpec } from '../../test/decider-spec';
import { ConflictError, NotFoundError, RuleViolationError } from '../decider/domain-errors';
import { chipDecider } from './chip';
import { EditionFacts, entryDecider, RegisterRunner } from './entry';
import { RunnerRegistered } from './entry-events';

const krasilov: RunnerRegistered['data'] = {
  editionId: 'almaty-2018',
  raceId: 'marathon',
  bib: '1',
  chipId: 'C0001',
  firstName: 'Mikhail',
  lastName: 'Krasilov',
  gender: 'M',
  dateOfBirth: '1990-05-01',
  country: 'KAZ',
};
const open: EditionFacts = {
  registrationOpen: true,
  date: '2018-04-22',
  race: { raceId: 'marathon', kind: 'individual', minAge: 18 },
};
const register = (data: Partial<RunnerRegistered['data']> = {}, edition: EditionFacts = open): RegisterRunner => ({
  type: 'RegisterRunner',
  data: { ...krasilov, ...data },
  edition,
});
const registered: RunnerRegistered = { type: 'RunnerRegistered', data: krasilov };

describe('registering a runner', () => {
  const { given } = deciderSpec(entryDecider);

  it('registers a runner on a free bib', () => given([]).when(register()).then([registered]));

  it('refuses a taken bib', () => given([registered]).when(register({ chipId: 'OTHER' })).thenThrows(ConflictError, 'bib 1'));

  it('refuses once registration is closed', () =>
    given([]).when(register({}, { ...open, registrationOpen: false })).thenThrows(ConflictError, 'closed'));

  it('refuses an unknown race', () =>
    given([]).when(register({ raceId: 'ultra' }, { ...open, race: undefined })).thenThrows(NotFoundError, 'race ultra'));

  it('refuses a runner under the minimum age on race day, and accepts one whose birthday is race day', () => {
    given([]).when(register({ dateOfBirth: '2000-04-23' })).thenThrows(RuleViolationError, 'under the minimum age of 18');
    given([]).when(register({ dateOfBirth: '2000-04-22' })).then([{ type: 'RunnerRegistered', data: { ...krasilov, dateOfBirth: '2000-04-22' } }]);
  });

  it('refuses a runner over the maximum age of a kids race', () =>
    given([])
      .when(register({ raceId: 'kids-3k', dateOfBirth: '2000-01-01' }, { ...open, race: { raceId: 'kids-3k', kind: 'individual', minAge: 6, maxAge: 14 } }))
      .thenThrows(RuleViolationError, 'over the maximum age of 14'));

  it('refuses a date of birth that does not exist', () =>
    given([]).when(register({ dateOfBirth: '1990-02-30' })).thenThrows(RuleViolationError, 'not a real date'));

  it('refuses an individual registration for the relay', () =>
    given([])
      .when(register({ raceId: 'ekiden' }, { ...open, race: { raceId: 'ekiden', kind: 'relay', minAge: 18 } }))
      .thenThrows(RuleViolationError, 'relay'));
});

describe('claiming a chip', () => {
  const { given } = deciderSpec(chipDecider);
  const chip = { editionId: 'almaty-2018', chipId: 'C0001', bib: '1' };

  it('claims a free chip', () => given([]).when({ type: 'ClaimChip', data: chip }).then([{ type: 'ChipClaimed', data: chip }]));

  it('refuses a chip held by another bib', () =>
    given([{ type: 'ChipClaimed', data: chip }])
      .when({ type: 'ClaimChip', data: { ...chip, bib: '2' } })
      .thenThrows(ConflictError, 'already assigned to bib 1'));

  it('re-claiming for the same bib changes nothing', () =>
    given([{ type: 'ChipClaimed', data: chip }]).when({ type: 'ClaimChip', data: chip }).then([]));

  it('a released chip can be claimed again', () =>
    given([{ type: 'ChipClaimed', data: chip }, { type: 'ChipReleased', data: chip }])
      .when({ type: 'ClaimChip', data: { ...chip, bib: '2' } })
      .then([{ type: 'ChipClaimed', data: { ...chip, bib: '2' } }]));
});
