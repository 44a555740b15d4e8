import { deciderSpec } from '../../test/decider-spec';
import { ConflictError, RuleViolationError } from '../decider/domain-errors';
import { RunnerRegistered } from '../registration/entry-events';
import { FinishRecorded, ReadReinterpreted } from '../timing/timing-events';
import { adjudicationDecider, AdjudicationCommand, EntryEvent } from './adjudication';

const { given } = deciderSpec(adjudicationDecider);

const registered: RunnerRegistered = {
  type: 'RunnerRegistered',
  data: {
    editionId: 'almaty-2018',
    raceId: 'marathon',
    bib: '101',
    chipId: 'C101',
    firstName: 'Mikhail',
    lastName: 'Krasilov',
    gender: 'M',
    dateOfBirth: '1990-05-01',
    country: 'KAZ',
  },
};
const finished: FinishRecorded = {
  type: 'FinishRecorded',
  data: { editionId: 'almaty-2018', raceId: 'marathon', bib: '101', readId: 'r9', pointId: 'finish', lap: 2, distanceM: 42195, time: '2018-04-22T05:33:05.000Z' },
};
const correctDetails = (changes: Partial<RunnerRegistered['data']>): AdjudicationCommand => ({
  type: 'CorrectDetails',
  data: { editionId: 'almaty-2018', bib: '101', correctionId: 'd1', changes },
  edition: { date: '2018-04-22', race: { raceId: 'marathon', minAge: 18 } },
});

describe("correcting a runner's details", () => {
  it('applies the registration rules to a corrected date of birth', () => {
    given([registered]).when(correctDetails({ dateOfBirth: '1990-13-45' })).thenThrows(RuleViolationError, 'not a real date');
    given([registered]).when(correctDetails({ dateOfBirth: '2030-01-01' })).thenThrows(RuleViolationError, 'not before race day');
    given([registered]).when(correctDetails({ dateOfBirth: '2005-01-01' })).thenThrows(RuleViolationError, 'under the minimum age of 18');
  });

  it('records only what changed, before and after', () =>
    given([registered])
      .when(correctDetails({ gender: 'M', dateOfBirth: '1980-05-01' }))
      .then([
        {
          type: 'RunnerDetailsCorrected',
          data: { editionId: 'almaty-2018', bib: '101', correctionId: 'd1', before: { dateOfBirth: '1990-05-01' }, after: { dateOfBirth: '1980-05-01' } },
        },
      ]));
});

describe('disqualifying', () => {
  const disqualify: AdjudicationCommand = { type: 'Disqualify', data: { editionId: 'almaty-2018', bib: '101', rule: 'TR 54.7', reason: 'course cutting' } };
  const disqualified: EntryEvent = { type: 'RunnerDisqualified', data: { editionId: 'almaty-2018', raceId: 'marathon', bib: '101', rule: 'TR 54.7', reason: 'course cutting' } };
  const rescind: AdjudicationCommand = { type: 'RescindDisqualification', data: { editionId: 'almaty-2018', bib: '101', reason: 'video shows no cutting' } };

  it('disqualifies under a rule', () => given([registered, finished]).when(disqualify).then([disqualified]));

  it('refuses to disqualify twice', () => given([registered, disqualified]).when(disqualify).thenThrows(ConflictError, 'already disqualified under TR 54.7'));

  it('rescinds, naming the rule', () =>
    given([registered, disqualified])
      .when(rescind)
      .then([{ type: 'DisqualificationRescinded', data: { editionId: 'almaty-2018', raceId: 'marathon', bib: '101', rule: 'TR 54.7', reason: 'video shows no cutting' } }]));

  it('refuses to rescind what is not there', () => given([registered]).when(rescind).thenThrows(ConflictError, 'not disqualified'));
});

describe('declaring DNS or DNF', () => {
  const declare = (status: 'DNS' | 'DNF', override = false): AdjudicationCommand => ({
    type: 'DeclareStatus',
    data: { editionId: 'almaty-2018', bib: '101', status, override },
  });
  const declared = (status: 'DNS' | 'DNF'): EntryEvent => ({
    type: 'RunnerStatusDeclared',
    data: { editionId: 'almaty-2018', raceId: 'marathon', bib: '101', status },
  });
  const seen: EntryEvent = {
    type: 'ReadRecorded',
    data: { editionId: 'almaty-2018', raceId: 'marathon', bib: '101', readId: 'r1', pointId: 'start', time: '2018-04-22T03:00:20.000Z' },
  };
  const finishWithdrawn: ReadReinterpreted = {
    type: 'ReadReinterpreted',
    data: {
      editionId: 'almaty-2018',
      raceId: 'marathon',
      bib: '101',
      readId: 'r9',
      previously: { status: 'counted', pointId: 'finish', lap: 2, finish: true },
      now: 'dismissed',
      reason: 'dismissed by an organiser',
      causedBy: ['review:r9'],
    },
  };

  it('declares a status once', () => {
    given([registered]).when(declare('DNF')).then([declared('DNF')]);
    given([registered, declared('DNF')]).when(declare('DNF')).thenThrows(ConflictError, 'already declared DNF');
  });

  it('refuses DNS for a runner the mats saw, and DNF for a finisher, unless overridden', () => {
    given([registered, seen]).when(declare('DNS')).thenThrows(ConflictError, 'has timing reads');
    given([registered, seen]).when(declare('DNS', true)).then([declared('DNS')]);
    given([registered, finished]).when(declare('DNF')).thenThrows(ConflictError, 'has finished');
    given([registered, finished]).when(declare('DNF', true)).then([declared('DNF')]);
  });

  it('a finish that no longer counts allows DNF', () => given([registered, finished, finishWithdrawn]).when(declare('DNF')).then([declared('DNF')]));

  it('rescinds a declaration, naming it, and refuses when there is none', () => {
    const rescind: AdjudicationCommand = { type: 'RescindStatus', data: { editionId: 'almaty-2018', bib: '101' } };
    given([registered, declared('DNS')])
      .when(rescind)
      .then([{ type: 'RunnerStatusRescinded', data: { editionId: 'almaty-2018', raceId: 'marathon', bib: '101', status: 'DNS' } }]);
    given([registered]).when(rescind).thenThrows(ConflictError, 'no declared status');
  });
});
