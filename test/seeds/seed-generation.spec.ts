import { WORLD_RECORD_SPEED_MPS } from '../../src/timing/read-interpretation';
import { formatRaceTime } from '../../src/time/instant';
import { SYNTHETIC_ORGANISATION } from '../../src/seeds/ekiden-teams';
import { SYNTHETIC_CLUB } from '../../src/seeds/race-field';
import { IndividualRaceFacts, readNamePools, readSeedFacts, SeedEditionFacts } from '../../src/seeds/seed-facts';
import { planSeedEdition, SeedEntrant, SeedPlan } from '../../src/seeds/seed-plan';

const names = readNamePools();
const facts2017 = readSeedFacts('almaty-2017');
const facts2018 = readSeedFacts('almaty-2018');
const plan2017 = planSeedEdition(facts2017, names, { scale: 1 });
const plan2018 = planSeedEdition(facts2018, names, { scale: 1 });

const gunMs = (plan: SeedPlan, raceId: string) => Date.parse(plan.guns.find((gun) => gun.raceId === raceId)!.gunTime);
const officialMs = (plan: SeedPlan, entrant: SeedEntrant) =>
  Date.parse(entrant.crossings[entrant.crossings.length - 1]!.time) - gunMs(plan, entrant.registration.raceId);

/** Finishers of a race and gender in official (gun) time order, as results place them. */
const finishers = (plan: SeedPlan, raceId: string, gender: 'M' | 'F') =>
  plan.entrants
    .filter((e) => e.registration.raceId === raceId && e.registration.gender === gender && e.status === 'finished')
    .map((e) => ({ ...e.registration, fromArticle: e.fromArticle, time: formatRaceTime(officialMs(plan, e)), ms: officialMs(plan, e) }))
    .sort((a, b) => a.ms - b.ms);

const individualRaces = (facts: SeedEditionFacts) =>
  facts.races.filter((race): race is IndividualRaceFacts => race.kind === 'individual');

describe('seed generation', () => {
  it('is deterministic: the same seed and scale give the same plan; another seed another one', () => {
    // Compared as text: a deep equality over 70,000 reads is needlessly slow, and text equality is stricter.
    expect(JSON.stringify(planSeedEdition(facts2018, names, { scale: 1 })) === JSON.stringify(plan2018)).toBe(true);
    const reseeded = planSeedEdition({ ...facts2018, generation: { ...facts2018.generation, seed: 7 } }, names, { scale: 1 });
    expect(reseeded.entrants.map((e) => e.registration.lastName)).not.toEqual(plan2018.entrants.map((e) => e.registration.lastName));
  });

  it('puts the named runners in exactly the places and times the facts state, gun-time ordered', () => {
    for (const [facts, plan] of [[facts2017, plan2017], [facts2018, plan2018]] as const) {
      for (const race of individualRaces(facts)) {
        for (const podium of race.podium) {
          const placed = finishers(plan, race.raceId, podium.gender)[podium.place - 1]!;
          const stated = podium.gunTime.value;
          if (/^\d+:\d\d$/.test(stated)) expect(placed.time).toMatch(new RegExp(`^${stated}:\\d\\d$`));
          else expect(placed.time).toBe(stated);
          expect(placed.country).toBe(podium.country.value);
          if (podium.name.value) expect(placed).toMatchObject({ ...podium.name.value, fromArticle: true });
          else expect(placed).toMatchObject({ club: SYNTHETIC_CLUB, fromArticle: false });
        }
      }
    }
    const podiumOf = (raceId: string, gender: 'M' | 'F') =>
      finishers(plan2018, raceId, gender).slice(0, 3).map((f) => `${f.firstName} ${f.lastName} ${f.country} ${f.time.slice(0, 4)}`);
    expect(podiumOf('marathon', 'M')).toEqual(['Mikhail Krasilov KAZ 2:33', 'Nikolay Grigorov RUS 2:35', 'Ortyk Ramazanov UZB 2:38']);
    expect(podiumOf('marathon', 'F').map((p) => p.split(' ').slice(0, 2).join(' '))).toEqual(['Dana Aidosova', 'Anastasia Kolmagarova', 'Aida Esterekova']);
    expect(finishers(plan2018, 'marathon', 'F')[0]!.time).toMatch(/^3:04:\d\d$/);
    expect(podiumOf('half', 'M').map((p) => p.split(' ').slice(0, 2).join(' '))).toEqual(['Islam Amangos', 'Erlan Zhanasanov', 'Ruslan Oglov']);
    expect(podiumOf('half', 'F').map((p) => p.split(' ').slice(0, 2).join(' '))).toEqual(['Zhanna Momyrzhanova', 'Aiman Radova', 'Nargiza Lebedeva']);
  });

  it('keeps the event record of 2:30:09 by Grigorov at the 6th edition, unbroken in 2018', () => {
    const [winner2017] = finishers(plan2017, 'marathon', 'M');
    expect(winner2017).toMatchObject({ firstName: 'Nikolay', lastName: 'Grigorov', country: 'RUS', time: '2:30:09' });
    for (const gender of ['M', 'F'] as const) {
      expect(finishers(plan2018, 'marathon', gender)[0]!.ms).toBeGreaterThan(finishers(plan2017, 'marathon', gender)[0]!.ms);
    }
    expect(plan2017.races[0]!.courseId).not.toBe(plan2018.races.find((race) => race.raceId === 'marathon')!.courseId);
  });

  it('has the article\'s field: 14,000+ entrants, most in the 10 km, 1,000+ in the marathon, Kazakhstan and 38 other countries', () => {
    const { participation } = facts2018;
    const entrants = plan2018.entrants.map((e) => e.registration);
    const byRace = (raceId: string) => entrants.filter((e) => e.raceId === raceId).length;
    expect(entrants.length).toBeGreaterThanOrEqual(participation.entrantsAtLeast!.value);
    expect(byRace('marathon')).toBeGreaterThanOrEqual(participation.marathonEntrantsAtLeast!.value);
    for (const raceId of ['marathon', 'half', 'kids-3k']) expect(byRace(participation.mostEntrantsIn!.value)).toBeGreaterThan(byRace(raceId));
    const countries = new Set(entrants.map((e) => e.country));
    expect(countries.has('KAZ')).toBe(true);
    expect(countries.size - 1).toBe(38);
    expect(participation.otherCountries!.value).toBe(38);
    for (const country of countries) expect(country).toMatch(/^[A-Z]{3}$/);
  });

  it('runs the marathon over two laps of the New Square course: every finisher crosses the lap line twice', () => {
    const marathon = plan2018.races.find((race) => race.raceId === 'marathon')!;
    expect(marathon).toMatchObject({ distanceM: 42195, laps: 2, courseId: 'almaty-new-square-2018' });
    expect(marathon.timingPoints).toEqual(
      expect.arrayContaining([
        { pointId: 'finish', distanceM: 21097.5, lap: 1 },
        { pointId: 'finish', distanceM: 42195, lap: 2 },
      ]),
    );
    const finishers = plan2018.entrants.filter((e) => e.registration.raceId === 'marathon' && e.status === 'finished');
    expect(finishers.length).toBeGreaterThan(900);
    expect(finishers.filter((e) => e.crossings.filter((c) => c.pointId === 'finish').map((c) => c.lap).join() !== '1,2')).toEqual([]);
  });

  it('labels every synthetic entrant and names each article runner once', () => {
    const mislabelled = [...plan2017.entrants, ...plan2018.entrants].filter(
      ({ registration, fromArticle }) => (registration.club === SYNTHETIC_CLUB) === fromArticle || !Number.isInteger(registration.entryFee),
    );
    expect(mislabelled).toEqual([]);
    const named = individualRaces(facts2018).flatMap((race) => race.podium.flatMap((p) => (p.name.value ? [p.name.value.lastName] : [])));
    for (const lastName of named) expect(plan2018.entrants.filter((e) => e.registration.lastName === lastName)).toHaveLength(1);
  });

  it('plans splits every timing rule accepts, runners\' and teams\': in course order, after the gun, no segment faster than a world record', () => {
    const implausible: string[] = [];
    for (const plan of [plan2017, plan2018]) {
      for (const { registration, crossings } of [...plan.entrants, ...plan.teams]) {
        let previous = { distanceM: 0, ms: gunMs(plan, registration.raceId) };
        for (const crossing of crossings) {
          const ms = Date.parse(crossing.time);
          const lengthM = crossing.distanceM - previous.distanceM;
          const tooFast = lengthM >= 1000 && lengthM / ((ms - previous.ms) / 1000) >= WORLD_RECORD_SPEED_MPS;
          if (ms <= previous.ms || tooFast) implausible.push(`${plan.editionId} bib ${registration.bib} at ${crossing.pointId}@${crossing.lap}`);
          previous = { distanceM: crossing.distanceM, ms };
        }
      }
    }
    expect(implausible).toEqual([]);
  });

  it('has a few per cent DNS and DNF and about 70,000 reads on race day, backup mats and resends included', () => {
    const share = (status: string) => plan2018.entrants.filter((e) => e.status === status).length / plan2018.entrants.length;
    expect(share('DNS')).toBeGreaterThan(0.01);
    expect(share('DNS')).toBeLessThan(0.08);
    expect(share('DNF')).toBeGreaterThan(0.005);
    expect(share('DNF')).toBeLessThan(0.05);
    const reads = plan2018.readBatches.flatMap((batch) => batch.reads);
    const crossings = [...plan2018.entrants, ...plan2018.teams].reduce((sum, e) => sum + e.crossings.length, 0);
    expect(reads.length).toBeGreaterThan(65_000);
    expect(reads.length).toBeLessThan(75_000);
    expect(new Set(reads.map((read) => `${read.chipId}|${read.pointId}@${read.lap}`)).size).toBe(crossings);
    expect(Math.max(...plan2018.readBatches.map((batch) => batch.reads.length))).toBeLessThanOrEqual(facts2018.generation.timing.batchSize);
  });

  it('plans the article\'s 99 ekiden teams: its podium in place, its media teams finishing, the rest synthetic', () => {
    const { ekiden } = facts2018;
    expect(ekiden!.teams).toMatchObject({ value: 99, source: 'article' });
    expect(plan2018.teams).toHaveLength(99);
    const teamMs = (team: SeedPlan['teams'][number]) => Date.parse(team.crossings[team.crossings.length - 1]!.time) - gunMs(plan2018, 'ekiden');
    const finished = plan2018.teams.filter((team) => team.status === 'finished').sort((a, b) => teamMs(a) - teamMs(b));
    expect(finished.slice(0, 3).map((team) => [team.registration.name, team.registration.organisation, formatRaceTime(teamMs(team))])).toEqual([
      ['Batyr-1', 'Presidential Regiment', '2:22:17'],
      ['Omron', 'Omron', '2:26:41'],
      ['Batyr-2', 'Presidential Regiment', '2:29:05'],
    ]);
    const media = plan2018.teams.filter((team) => team.registration.category === 'media');
    expect(media.map((team) => [team.registration.name, team.status, team.fromArticle])).toEqual([
      ['Massaget.kz', 'finished', true],
      ['Tengrinews.kz', 'finished', true],
      ['Vesti.kz', 'finished', true],
    ]);
    const synthetic = plan2018.teams.filter((team) => !team.fromArticle);
    expect(synthetic).toHaveLength(93);
    expect(synthetic.every((team) => team.registration.organisation === SYNTHETIC_ORGANISATION)).toBe(true);
    for (const team of plan2018.teams) {
      expect(team.registration.runners.map((runner) => runner.leg)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(team.registration).toMatchObject({ raceId: 'ekiden', entryFee: 60000 });
    }
    // A finished team crosses every mat: the start, five exchanges, the lap line and the finish.
    expect(finished.every((team) => team.crossings.length === 8)).toBe(true);
    expect(plan2018.races.find((race) => race.raceId === 'ekiden')).toMatchObject({
      kind: 'relay',
      legs: [5000, 10000, 5000, 10000, 5000, 7195].map((distanceM, index) => ({ leg: index + 1, distanceM })),
    });
  });

  it('plans the prize money the article states, and assumed 10 km amounts; no half-marathon schedule', () => {
    const { schedules, payments, certifiedAt } = plan2018.prizes!;
    expect(schedules.map(({ data }) => data.raceId)).toEqual(['marathon', '10k']);
    expect(schedules[0]!.data.pools).toEqual([
      { category: 'M', amountsMinor: [40_000_000, 30_000_000, 25_000_000] },
      { category: 'F', amountsMinor: [40_000_000, 30_000_000, 25_000_000] },
    ]);
    expect(schedules.map(({ reason }) => reason)).toEqual([
      'seed: prize schedule (amounts: M from the article, F assumed)',
      'seed: prize schedule (amounts: M assumed, F assumed)',
    ]);
    expect(certifiedAt).toBe('2018-04-24T06:00:00.000Z');
    expect(payments.map((payment) => payment.reference)).toEqual(['SEED-PAY-0001', 'SEED-PAY-0002']);
    expect(plan2017.prizes).toBeUndefined();
    expect(plan2017.charity).toBeUndefined();
  });

  it('scales the synthetic field down but keeps every article runner and team, and every country', () => {
    const small = planSeedEdition(facts2018, names, { scale: 0.02 });
    expect(small.entrants.length).toBeLessThan(400);
    expect(small.entrants.filter((e) => e.fromArticle)).toHaveLength(12);
    expect(small.teams.filter((team) => team.fromArticle)).toHaveLength(6);
    expect(small.teams).toHaveLength(6 + Math.round(93 * 0.02));
    expect(new Set(small.entrants.map((e) => e.registration.country)).size).toBe(39);
    expect(() => planSeedEdition(facts2018, names, { scale: 0 })).toThrow(/scale/);
  });
});
