import { TestApp } from './test-app';

export const almaty2018 = {
  editionId: 'almaty-2018',
  name: '7th Almaty Marathon',
  number: 7,
  city: 'Almaty',
  date: '2018-04-22',
  timezone: 'Asia/Almaty',
  currency: 'KZT',
};

export const marathon = {
  raceId: 'marathon',
  name: 'Marathon',
  distanceM: 42195,
  laps: 2,
  kind: 'individual',
  minAge: 18,
  timingPoints: [
    { pointId: 'start', distanceM: 0, lap: 1 },
    { pointId: '10k', distanceM: 10000, lap: 1 },
    { pointId: 'finish', distanceM: 21097.5, lap: 1 },
    { pointId: '10k', distanceM: 31097.5, lap: 2 },
    { pointId: 'finish', distanceM: 42195, lap: 2 },
  ],
};

export const tenK = {
  raceId: '10k',
  name: '10 km',
  distanceM: 10000,
  laps: 1,
  kind: 'individual',
  minAge: 14,
  timingPoints: [
    { pointId: 'start', distanceM: 0 },
    { pointId: '5k', distanceM: 5000 },
    { pointId: 'finish', distanceM: 10000 },
  ],
};

export const ekiden = {
  raceId: 'ekiden',
  name: 'Ekiden',
  distanceM: 42195,
  laps: 1,
  kind: 'relay',
  minAge: 18,
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

export const runner = (bib: string, overrides: Record<string, unknown> = {}) => ({
  bib,
  chipId: `C${bib.padStart(5, '0')}`,
  raceId: 'marathon',
  firstName: 'Runner',
  lastName: `Number ${bib}`,
  gender: 'M',
  dateOfBirth: '1985-06-01',
  country: 'KAZ',
  ...overrides,
});

/** The seed edition with a marathon and a 10 km, planned over HTTP as an organiser would. */
export const planRaceDay = async (t: TestApp) => {
  await t.http().post('/editions').set(t.as('organiser')).send(almaty2018).expect(201);
  await t.http().post('/editions/almaty-2018/races').set(t.as('organiser')).send(marathon).expect(201);
  await t.http().post('/editions/almaty-2018/races').set(t.as('organiser')).send(tenK).expect(201);
};

export const register = (t: TestApp, body: Record<string, unknown>) =>
  t.http().post('/editions/almaty-2018/entries').set(t.as('organiser')).send(body);
