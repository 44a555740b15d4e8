import { ekiden, planRaceDay, register, runner } from '../http/race-day-fixtures';
import { TestApp } from '../http/test-app';

export const E = 'almaty-2018';
export const GUN = '2018-04-22T03:00:00.000Z';
export const at = (minutes: number) => new Date(Date.parse(GUN) + minutes * 60_000).toISOString();

/** Bibs of the 10 km: 1-40 finish, 41-50 are on the course (seen at 5 km), 51-60 not yet seen. */
export const TEN_K = { finishers: 40, onCourse: 10, notStarted: 10 };
/** A name as registered, in Kazakh letters: the site shows it as it is, in every language. */
export const KAZAKH_RUNNER = { bib: '7', firstName: 'Әйгерім', lastName: 'Қасымова' };
export const PRIVATE_REASON = 'private: the referee saw it on camera 3';

const COUNTRIES = ['KAZ', 'RUS', 'KGZ', 'UZB', 'DEU'];

/**
 * A small race day, built over HTTP as the crews would: a 10 km of 60 runners (more than a page of 50),
 * a marathon of three, an ekiden of two teams, a correction and a donation. Races stay open (live).
 */
export const buildSiteRaceDay = async (t: TestApp): Promise<void> => {
  await planRaceDay(t);
  await t.http().post(`/editions/${E}/races`).set(t.as('organiser')).send(ekiden).expect(201);

  const tenK = Array.from({ length: 60 }, (_, index) => {
    const bib = String(index + 1);
    const base = runner(bib, {
      raceId: '10k',
      firstName: `Runner${bib}`,
      lastName: `Family${bib}`,
      gender: index % 3 === 0 ? 'F' : 'M',
      dateOfBirth: index % 4 === 0 ? '1975-05-05' : '1992-02-02',
      country: COUNTRIES[index % COUNTRIES.length],
    });
    return bib === KAZAKH_RUNNER.bib ? { ...base, firstName: KAZAKH_RUNNER.firstName, lastName: KAZAKH_RUNNER.lastName } : base;
  });
  const marathoners = ['101', '102', '103'].map((bib) => runner(bib, { firstName: 'Marathoner', lastName: bib }));
  const all = [...tenK, ...marathoners];
  for (let i = 0; i < all.length; i += 12) {
    await Promise.all(all.slice(i, i + 12).map((body) => register(t, body).expect(201)));
  }

  for (const raceId of ['10k', 'marathon', 'ekiden']) {
    await t.http().post(`/editions/${E}/races/${raceId}/start`).set(t.as('timing')).send({ gunTime: GUN }).expect(201);
  }

  const reads: Record<string, unknown>[] = [];
  for (let n = 1; n <= TEN_K.finishers + TEN_K.onCourse; n++) {
    reads.push({ readId: `r-${n}-5k`, bib: String(n), pointId: '5k', time: at(18 + n * 0.3) });
    if (n <= TEN_K.finishers) reads.push({ readId: `r-${n}-fin`, bib: String(n), pointId: 'finish', time: at(36 + n * 0.6) });
  }
  reads.push(
    { readId: 'm-101-10k', bib: '101', pointId: '10k', lap: 1, time: at(35) },
    { readId: 'm-101-half', bib: '101', pointId: 'finish', lap: 1, time: at(75) },
    { readId: 'm-101-31k', bib: '101', pointId: '10k', lap: 2, time: at(111) },
    { readId: 'm-101-fin', bib: '101', pointId: 'finish', lap: 2, time: at(152) },
    { readId: 'm-102-10k', bib: '102', pointId: '10k', lap: 1, time: at(40) },
    { readId: 'm-102-half', bib: '102', pointId: 'finish', lap: 1, time: at(86) },
  );
  for (const [bib, minutes] of [['E1', [16, 50, 67, 102, 119, 144]], ['E2', [17, 52, 69, 105, 122, 148]]] as const) {
    ['x1', 'x2', 'x3', 'x4', 'x5', 'finish'].forEach((pointId, index) =>
      reads.push({ readId: `${bib}-${pointId}`, chipId: `SASH${bib}`, pointId, time: at(minutes[index]!) }),
    );
  }
  // Teams before their reads.
  for (const [bib, name] of [['E1', 'Batyr'], ['E2', 'Omron']] as const) {
    await t
      .http()
      .post(`/editions/${E}/ekiden/teams`)
      .set(t.as('organiser'))
      .send({
        bib,
        chipId: `SASH${bib}`,
        raceId: 'ekiden',
        name,
        category: 'open',
        runners: [1, 2, 3, 4, 5, 6].map((leg) => ({ leg, firstName: `${name}`, lastName: `Leg${leg}`, gender: 'M', dateOfBirth: '1990-03-03', country: 'KAZ' })),
      })
      .expect(201);
  }
  await t.http().post(`/editions/${E}/timing/reads`).set(t.as('timing')).send({ reads }).expect(200);

  // Bib 2's finish was a second late on the mat: corrected, with a reason the public never sees.
  await t
    .http()
    .post(`/editions/${E}/entries/2/corrections`)
    .set(t.as('organiser'))
    .send({ pointId: 'finish', time: at(36.5), reason: PRIVATE_REASON })
    .expect(201);
  await t.http().post(`/editions/${E}/charity/donations`).set(t.as('finance')).send({ donor: 'Kind Co', company: 'Kind Co', amount: 150000, cause: 'children' }).expect(201);
};
