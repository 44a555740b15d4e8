import { EventStore } from '../../src/event-store/event-store';
import { EVENT_STORE } from '../../src/event-store/event-store.module';
import { ekiden, planRaceDay, register, runner } from '../http/race-day-fixtures';
import { TestApp } from '../http/test-app';

export const EDITION = 'almaty-2018';
const at = (hms: string) => `2018-04-22T${hms}Z`;

const reads = (bib: string, finish: string) => [
  { readId: `${bib}-10k`, bib, pointId: '10k', lap: 1, time: at('03:40:00.0') },
  { readId: `${bib}-half`, bib, pointId: 'finish', lap: 1, time: at('04:16:00.0') },
  { readId: `${bib}-31k`, bib, pointId: '10k', lap: 2, time: at('04:55:00.0') },
  { readId: `${bib}-finish`, bib, pointId: 'finish', lap: 2, time: at(finish) },
];

const team = (bib: string, name: string) => ({
  bib,
  chipId: `SASH${bib}`,
  raceId: 'ekiden',
  name,
  category: 'corporate',
  runners: [1, 2, 3, 4, 5, 6].map((leg) => ({ leg, firstName: name, lastName: `leg ${leg}`, gender: 'M', dateOfBirth: '1990-03-03', country: 'KAZ' })),
});

const exchanges = (bib: string, minutes: number[]) =>
  ['x1', 'x2', 'x3', 'x4', 'x5', 'finish'].map((pointId, index) => ({
    readId: `${bib}-${pointId}`,
    chipId: `SASH${bib}`,
    pointId,
    time: new Date(Date.parse(at('03:00:00.0')) + minutes[index]! * 60_000).toISOString(),
  }));

/**
 * A race day that touches every read model: races and guns, runners with entry fees, an ekiden team,
 * marathon finishes in two batches, a correction that reorders the podium, an unmatched read, a donation,
 * a certified prize schedule and a payment. Returns log positions between the steps.
 */
export const seedRaceDay = async (t: TestApp) => {
  const store = t.app.get<EventStore>(EVENT_STORE);
  const send = (body: object) => t.http().post(`/editions/${EDITION}/timing/reads`).set(t.as('timing')).send(body).expect(200);
  await planRaceDay(t);
  await t.http().post(`/editions/${EDITION}/races`).set(t.as('organiser')).send(ekiden).expect(201);
  for (const raceId of ['marathon', 'ekiden']) {
    await t.http().post(`/editions/${EDITION}/races/${raceId}/start`).set(t.as('timing')).send({ gunTime: at('03:00:00.0') }).expect(201);
  }
  const podium = [['1', 'Mikhail', 'Krasilov'], ['2', 'Nikolay', 'Grigorov'], ['3', 'Ortyk', 'Ramazanov']];
  for (const [bib, firstName, lastName] of podium) {
    await register(t, runner(bib!, { firstName, lastName, entryFee: 5000 })).expect(201);
  }
  await t.http().post(`/editions/${EDITION}/ekiden/teams`).set(t.as('organiser')).send({ ...team('901', 'Omron'), entryFee: 30000 }).expect(201);
  const registered = await store.headPosition();

  await send({ reads: [...reads('1', '05:33:04.0'), ...reads('2', '05:35:10.0'), ...exchanges('901', [17, 52, 69, 105, 122, 148])] });
  const firstFinishes = await store.headPosition();

  await send({ reads: [...reads('3', '05:38:00.0'), { readId: 'ghost', chipId: 'NOBODY', pointId: 'finish', lap: 2, time: at('05:39:00.0') }] });
  await t.http().post(`/editions/${EDITION}/entries/2/corrections`).set(t.as('organiser'))
    .send({ pointId: 'finish', lap: 2, time: at('05:32:59.0'), reason: 'backup mat time' }).expect(201);
  await t.http().post(`/editions/${EDITION}/charity/donations`).set(t.as('finance'))
    .send({ donationId: 'KASPI-1', donor: 'Omron Kazakhstan', company: 'Omron', amount: 100000 }).expect(201);
  await t.http().put(`/editions/${EDITION}/races/marathon/prize-schedule`).set(t.as('organiser'))
    .send({ currency: 'KZT', basis: 'gun', prizes: [{ category: 'M', places: [400000, 300000, 250000] }] }).expect(200);
  const certified = await t.http().post(`/editions/${EDITION}/races/marathon/certification`).set(t.as('organiser'))
    .send({ override: true, reason: 'the ghost read is a spectator chip at the finish' }).expect(201);
  const beforePayment = await store.headPosition();
  const winner = certified.body.awards[0].awardId as string;
  await t.http().post(`/editions/${EDITION}/prizes/${winner}/payments`).set(t.as('finance')).send({ amount: 400000, reference: 'PAY-1' }).expect(201);
  return { registered, firstFinishes, beforePayment, winner, final: await store.headPosition() };
};
