import { deciderSpec } from '../../test/decider-spec';
import { ConflictError, NotFoundError, RuleViolationError } from '../decider/domain-errors';
import { AddRace, CloseRace, CloseRegistration, CorrectGunTime, editionDecider, PlanEdition, StartRace } from './edition';
import { EditionEvent, EditionPlanned, RaceAdded } from './edition-events';

const { given } = deciderSpec(editionDecider);

const almaty2018: PlanEdition['data'] = {
  editionId: 'almaty-2018',
  name: '7th Almaty Marathon',
  number: 7,
  city: 'Almaty',
  date: '2018-04-22',
  timezone: 'Asia/Almaty',
  currency: 'KZT',
};
const editionPlanned: EditionPlanned = { type: 'EditionPlanned', data: { ...almaty2018, series: 'almaty' } };
const plan = (data = almaty2018): PlanEdition => ({ type: 'PlanEdition', data });

const marathon: AddRace['data'] = {
  editionId: 'almaty-2018',
  raceId: 'marathon',
  name: 'Marathon',
  distanceM: 42195,
  laps: 2,
  kind: 'individual',
  timingPoints: [
    { pointId: 'finish', distanceM: 42195, lap: 2 },
    { pointId: 'start', distanceM: 0, lap: 1 },
    { pointId: '10k', distanceM: 10000, lap: 1 },
    { pointId: 'finish', distanceM: 21097.5, lap: 1 },
    { pointId: '10k', distanceM: 31097.5, lap: 2 },
  ],
};
const addRace = (data: Partial<AddRace['data']> = {}): AddRace => ({ type: 'AddRace', data: { ...marathon, ...data } });

const ekiden: AddRace['data'] = {
  editionId: 'almaty-2018',
  raceId: 'ekiden',
  name: 'Ekiden',
  distanceM: 42195,
  laps: 1,
  kind: 'relay',
  timingPoints: [
    { pointId: 'x1', distanceM: 5000 },
    { pointId: 'x2', distanceM: 15000 },
    { pointId: 'x3', distanceM: 20000 },
    { pointId: 'x4', distanceM: 30000 },
    { pointId: 'x5', distanceM: 35000 },
    { pointId: 'finish', distanceM: 42195 },
  ],
  legs: [5000, 10000, 5000, 10000, 5000, 7195].map((distanceM, index) => ({ leg: index + 1, distanceM })),
};

const marathonAdded: RaceAdded = {
  type: 'RaceAdded',
  data: { ...marathon, legs: [], timingPoints: [], courseId: 'almaty-new-square-2018', minAge: 18 },
};

describe('planning an edition', () => {
  it('plans a new edition in the series its id names', () => given([]).when(plan()).then([editionPlanned]));

  it('takes an explicit series', () =>
    given([])
      .when(plan({ ...almaty2018, series: 'almaty-marathon' }))
      .then([{ type: 'EditionPlanned', data: { ...almaty2018, series: 'almaty-marathon' } }]));

  it('refuses to plan the same edition twice', () =>
    given([editionPlanned]).when(plan()).thenThrows(ConflictError, 'already planned'));

  it('refuses a time zone that is not an IANA zone', () =>
    given([]).when(plan({ ...almaty2018, timezone: 'Almaty/Nowhere' })).thenThrows(RuleViolationError, 'IANA'));
});

describe('adding a race', () => {
  it('orders the course by distance, and a mat crossed twice appears once per lap', () =>
    given([editionPlanned])
      .when(addRace())
      .thenEvents(([event]) => {
        const { timingPoints } = (event as RaceAdded).data;
        expect(timingPoints.map((p) => `${p.pointId}@${p.lap}`)).toEqual([
          'start@1',
          '10k@1',
          'finish@1',
          '10k@2',
          'finish@2',
        ]);
      }));

  it('adds a relay with its legs', () =>
    given([editionPlanned])
      .when({ type: 'AddRace', data: ekiden })
      .then([
        {
          type: 'RaceAdded',
          data: {
            ...ekiden,
            legs: ekiden.legs!,
            timingPoints: ekiden.timingPoints.map((point) => ({ ...point, lap: 1 })),
            courseId: 'almaty-2018-ekiden',
            minAge: 0,
          },
        },
      ]));

  it('needs the edition to be planned first', () =>
    given([]).when(addRace()).thenThrows(NotFoundError, 'not planned'));

  it('refuses a race id already used in the edition', () =>
    given([editionPlanned, marathonAdded])
      .when(addRace())
      .thenThrows(ConflictError, 'already exists'));

  it('needs the lap of every timing point on a multi-lap course', () =>
    given([editionPlanned])
      .when(addRace({ timingPoints: [{ pointId: 'finish', distanceM: 42195 }] }))
      .thenThrows(RuleViolationError, 'needs its lap'));

  it('refuses a timing point on a lap the race does not have', () =>
    given([editionPlanned])
      .when(addRace({ timingPoints: [{ pointId: 'finish', distanceM: 42195, lap: 3 }] }))
      .thenThrows(RuleViolationError, 'lap 3'));

  it('refuses a timing point beyond the finish', () =>
    given([editionPlanned])
      .when(addRace({ timingPoints: [{ pointId: 'finish', distanceM: 42196, lap: 2 }] }))
      .thenThrows(RuleViolationError, 'beyond'));

  it('needs a finish on the last lap', () =>
    given([editionPlanned])
      .when(addRace({ timingPoints: [{ pointId: '10k', distanceM: 10000, lap: 1 }] }))
      .thenThrows(RuleViolationError, 'needs a finish'));

  it('refuses a lap-2 point that comes before a lap-1 point', () =>
    given([editionPlanned])
      .when(
        addRace({
          timingPoints: [
            { pointId: 'a', distanceM: 5000, lap: 2 },
            { pointId: 'b', distanceM: 6000, lap: 1 },
            { pointId: 'finish', distanceM: 42195, lap: 2 },
          ],
        }),
      )
      .thenThrows(RuleViolationError, 'out of course order'));

  it('refuses relay legs that do not add up to the race distance', () =>
    given([editionPlanned])
      .when({ type: 'AddRace', data: { ...ekiden, legs: ekiden.legs!.slice(0, 5) } })
      .thenThrows(RuleViolationError, 'add up to 35000 m'));

  it('refuses an age range that is empty', () =>
    given([editionPlanned]).when(addRace({ minAge: 18, maxAge: 14 })).thenThrows(RuleViolationError, 'below minAge'));

  it('needs an exchange mat where every leg ends', () =>
    given([editionPlanned])
      .when({ type: 'AddRace', data: { ...ekiden, timingPoints: ekiden.timingPoints.filter((p) => p.pointId !== 'x3') } })
      .thenThrows(RuleViolationError, 'leg 3 ends at 20000 m, where the course has no exchange mat'));

  it('refuses legs on an individual race', () =>
    given([editionPlanned])
      .when(addRace({ legs: [{ leg: 1, distanceM: 42195 }] }))
      .thenThrows(RuleViolationError, 'only a relay'));
});

describe('closing registration', () => {
  const close: CloseRegistration = { type: 'CloseRegistration', data: { editionId: 'almaty-2018', closedAt: '2018-04-18T18:00:00.000Z' } };

  it('closes it once', () => given([editionPlanned]).when(close).then([{ type: 'RegistrationClosed', data: close.data }]));

  it('refuses to close it twice', () =>
    given([editionPlanned, { type: 'RegistrationClosed', data: close.data }]).when(close).thenThrows(ConflictError, 'already closed'));
});

describe('firing the gun', () => {
  const start = (wave?: string): StartRace => ({
    type: 'StartRace',
    data: { editionId: 'almaty-2018', raceId: 'marathon', gunTime: '2018-04-22T03:00:00.000Z', ...(wave && { wave }) },
  });

  it('starts a race', () => given([editionPlanned, marathonAdded]).when(start()).then([{ type: 'RaceStarted', data: start().data }]));

  it('starts each wave once', () =>
    given([editionPlanned, marathonAdded, { type: 'RaceStarted', data: start('A').data }])
      .when(start('B'))
      .then([{ type: 'RaceStarted', data: start('B').data }]));

  it('refuses a second gun for the same wave', () =>
    given([editionPlanned, marathonAdded, { type: 'RaceStarted', data: start('A').data }])
      .when(start('A'))
      .thenThrows(ConflictError, 'already fired for marathon/A'));

  it('refuses a gun that is not on race day in the venue\'s time zone, near midnight too', () => {
    const at = (gunTime: string): StartRace => ({ type: 'StartRace', data: { editionId: 'almaty-2018', raceId: 'marathon', gunTime } });
    given([editionPlanned, marathonAdded]).when(at('2018-04-21T17:59:00.000Z')).thenThrows(RuleViolationError, 'is on 2018-04-21 in Asia/Almaty');
    given([editionPlanned, marathonAdded]).when(at('2018-04-21T18:00:00.000Z')).then([{ type: 'RaceStarted', data: at('2018-04-21T18:00:00.000Z').data }]);
    given([editionPlanned, marathonAdded]).when(at('2018-04-22T18:00:00.000Z')).thenThrows(RuleViolationError, 'is on 2018-04-23');
  });

  it('refuses a gun for a race that does not exist', () =>
    given([editionPlanned]).when(start()).thenThrows(NotFoundError, 'race marathon does not exist'));
});

describe('correcting a gun time and closing a race', () => {
  const fired: EditionEvent = { type: 'RaceStarted', data: { editionId: 'almaty-2018', raceId: 'marathon', gunTime: '2018-04-22T03:00:00.000Z' } };
  const correct = (gunTime: string): CorrectGunTime => ({ type: 'CorrectGunTime', data: { editionId: 'almaty-2018', raceId: 'marathon', gunTime } });
  const close: CloseRace = { type: 'CloseRace', data: { editionId: 'almaty-2018', raceId: 'marathon', closedAt: '2018-04-22T09:00:00.000Z' } };

  it('a second gun says when the first fired and names the correction endpoint', () =>
    given([editionPlanned, marathonAdded, fired])
      .when({ type: 'StartRace', data: fired.data as StartRace['data'] })
      .thenThrows(ConflictError, /fired for marathon at 2018-04-22T03:00:00.000Z; .* corrected with PUT \/editions\/almaty-2018\/races\/marathon\/start/));

  it('corrects a fired gun, saying what it replaces', () =>
    given([editionPlanned, marathonAdded, fired])
      .when(correct('2018-04-22T03:00:04.000Z'))
      .then([
        {
          type: 'GunTimeCorrected',
          data: { editionId: 'almaty-2018', raceId: 'marathon', gunTime: '2018-04-22T03:00:04.000Z', previousGunTime: '2018-04-22T03:00:00.000Z' },
        },
      ]));

  it('corrects a wave\'s gun alone, and from its corrected time the next time', () => {
    const waveA = { type: 'RaceStarted' as const, data: { ...fired.data, wave: 'A' } as StartRace['data'] };
    const correctA = (gunTime: string): CorrectGunTime => ({ type: 'CorrectGunTime', data: { ...correct(gunTime).data, wave: 'A' } });
    const correctedA: EditionEvent = { type: 'GunTimeCorrected', data: { ...correctA('2018-04-22T03:00:04.000Z').data, previousGunTime: waveA.data.gunTime } };
    given([editionPlanned, marathonAdded, waveA]).when(correct('2018-04-22T03:00:04.000Z')).thenThrows(ConflictError, 'has not fired for marathon:');
    given([editionPlanned, marathonAdded, waveA, correctedA])
      .when(correctA('2018-04-22T03:00:02.000Z'))
      .then([{ type: 'GunTimeCorrected', data: { ...correctA('2018-04-22T03:00:02.000Z').data, previousGunTime: '2018-04-22T03:00:04.000Z' } }]);
    given([editionPlanned, marathonAdded, waveA, correctedA]).when(correctA('2018-04-22T03:00:04.000Z')).thenThrows(RuleViolationError, 'changes nothing');
  });

  it('refuses to correct a gun that has not fired, one that changes nothing, or one off race day', () => {
    given([editionPlanned, marathonAdded]).when(correct('2018-04-22T03:00:04.000Z')).thenThrows(ConflictError, 'has not fired');
    given([editionPlanned, marathonAdded, fired]).when(correct('2018-04-22T03:00:00.000Z')).thenThrows(RuleViolationError, 'changes nothing');
    given([editionPlanned, marathonAdded, fired]).when(correct('2018-04-23T03:00:00.000Z')).thenThrows(RuleViolationError, 'not on race day');
  });

  it('closes a started race once', () => {
    given([editionPlanned, marathonAdded, fired]).when(close).then([{ type: 'RaceClosed', data: close.data }]);
    given([editionPlanned, marathonAdded, fired, { type: 'RaceClosed', data: close.data }]).when(close).thenThrows(ConflictError, 'already closed');
    given([editionPlanned, marathonAdded]).when(close).thenThrows(ConflictError, 'has not started');
    given([editionPlanned]).when(close).thenThrows(NotFoundError, 'does not exist');
    given([editionPlanned, marathonAdded, fired, { type: 'RaceClosed', data: close.data }])
      .when({ type: 'StartRace', data: { ...(fired.data as StartRace['data']), wave: 'B' } })
      .thenThrows(ConflictError, 'is closed');
  });

  it('closes a race started wave by wave', () =>
    given([editionPlanned, marathonAdded, { type: 'RaceStarted', data: { ...fired.data, wave: 'A' } as StartRace['data'] }])
      .when(close)
      .then([{ type: 'RaceClosed', data: close.data }]));
});
