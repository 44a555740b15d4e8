import { deciderSpec } from '../../test/decider-spec';
import { ConflictError, NotFoundError, RuleViolationError } from '../decider/domain-errors';
import { RunnerRegistered } from '../registration/entry-events';
import { FinishRecorded } from '../timing/timing-events';
import { adjudicationDecider, AdjudicationCommand, EntryEvent } from './adjudication';
import { TimeCorrected } from './adjudication-events';

const { given } = deciderSpec(adjudicationDecider);

const race = {
  raceId: 'marathon',
  laps: 2,
  distanceM: 42195,
  timingPoints: [
    { pointId: 'start', distanceM: 0, lap: 1 },
    { pointId: 'finish', distanceM: 21097.5, lap: 1 },
    { pointId: 'finish', distanceM: 42195, lap: 2 },
  ],
};
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
const correctFinish = (time: string, correctionId = 'k1'): AdjudicationCommand => ({
  type: 'CorrectTime',
  data: { editionId: 'almaty-2018', bib: '101', pointId: 'finish', lap: 2, time, correctionId },
  race,
});
const finishCorrected = (time: string, previousTime: string, corrects: TimeCorrected['data']['corrects'], correctionId = 'k1'): TimeCorrected => ({
  type: 'TimeCorrected',
  data: {
    editionId: 'almaty-2018',
    raceId: 'marathon',
    bib: '101',
    correctionId,
    pointId: 'finish',
    lap: 2,
    distanceM: 42195,
    time,
    previousTime,
    ...(corrects && { corrects }),
    finish: true,
  },
});

describe('correcting a time', () => {
  it('names the read it corrects and the time it replaces', () =>
    given([registered, finished])
      .when(correctFinish('2018-04-22T05:33:01.000Z'))
      .then([finishCorrected('2018-04-22T05:33:01.000Z', '2018-04-22T05:33:05.000Z', { type: 'FinishRecorded', id: 'r9' })]));

  it('a second correction names the first', () =>
    given([registered, finished, finishCorrected('2018-04-22T05:33:01.000Z', '2018-04-22T05:33:05.000Z', { type: 'FinishRecorded', id: 'r9' })])
      .when(correctFinish('2018-04-22T05:33:02.000Z', 'k2'))
      .then([finishCorrected('2018-04-22T05:33:02.000Z', '2018-04-22T05:33:01.000Z', { type: 'TimeCorrected', id: 'k1' }, 'k2')]));

  it('adds a finish that no mat recorded', () =>
    given([registered])
      .when(correctFinish('2018-04-22T05:40:00.000Z'))
      .thenEvents(([event]) => {
        expect(event).toMatchObject({ type: 'TimeCorrected', data: { finish: true, time: '2018-04-22T05:40:00.000Z' } });
        expect((event as TimeCorrected).data.previousTime).toBeUndefined();
      }));

  it('needs the lap of a mat crossed on several laps', () =>
    given([registered])
      .when({ type: 'CorrectTime', data: { editionId: 'almaty-2018', bib: '101', pointId: 'finish', time: '2018-04-22T05:40:00.000Z', correctionId: 'k' }, race })
      .thenThrows(RuleViolationError, 'say which lap'));

  it('refuses a correction that changes nothing, and a runner who is not registered', () => {
    given([registered, finished]).when(correctFinish('2018-04-22T05:33:05.000Z')).thenThrows(RuleViolationError, 'already has');
    given([]).when(correctFinish('2018-04-22T05:33:05.000Z')).thenThrows(NotFoundError, 'not registered');
  });
});

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
  const declare: AdjudicationCommand = { type: 'DeclareStatus', data: { editionId: 'almaty-2018', bib: '101', status: 'DNF' } };

  it('declares a status once', () => {
    given([registered]).when(declare).then([{ type: 'RunnerStatusDeclared', data: { editionId: 'almaty-2018', raceId: 'marathon', bib: '101', status: 'DNF' } }]);
    given([registered, { type: 'RunnerStatusDeclared', data: { editionId: 'almaty-2018', raceId: 'marathon', bib: '101', status: 'DNF' } }])
      .when(declare)
      .thenThrows(ConflictError, 'already declared DNF');
  });
});
