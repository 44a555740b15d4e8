import { WORLD_RECORD_SPEED_MPS } from '../../src/timing/crossing';
import { formatRaceTime } from '../../src/time/instant';
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

  it('plans splits every timing rule accepts: in course order, after the gun, no segment faster than a world record', () => {
    const implausible: string[] = [];
    for (const plan of [plan2017, plan2018]) {
      for (const { registration, crossings } of plan.entrants) {
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
    const crossings = plan2018.entrants.reduce((sum, e) => sum + e.crossings.length, 0);
    expect(reads.length).toBeGreaterThan(65_000);
    expect(reads.length).toBeLessThan(75_000);
    expect(new Set(reads.map((read) => `${read.chipId}|${read.pointId}@${read.lap}`)).size).toBe(crossings);
    expect(Math.max(...plan2018.readBatches.map((batch) => batch.reads.length))).toBeLessThanOrEqual(facts2018.generation.timing.batchSize);
  });

  it('keeps what the app cannot load yet as facts: 99 ekiden teams, the prize money', () => {
    const ekiden = facts2018.ekiden!;
    expect(ekiden.teams).toMatchObject({ value: 99, source: 'article' });
    expect(ekiden.podium.length + ekiden.mediaTeams.length + ekiden.syntheticTeams).toBe(99);
    expect(ekiden.podium.map((team) => team.team.value)).toEqual(['Batyr-1', 'Omron', 'Batyr-2']);
    expect(ekiden.mediaTeams.map((team) => team.team.value)).toEqual(['Massaget.kz', 'Tengrinews.kz', 'Vesti.kz']);
    const marathonPrizes = facts2018.prizeSchedules!.find((schedule) => schedule.raceId === 'marathon')!;
    expect(marathonPrizes.prizes.find((prize) => prize.category === 'M')!.places).toMatchObject({
      value: [400000, 300000, 250000],
      source: 'article',
    });
    expect(plan2018.races.find((race) => race.raceId === 'ekiden')).toMatchObject({
      kind: 'relay',
      legs: [5000, 10000, 5000, 10000, 5000, 7195].map((distanceM, index) => ({ leg: index + 1, distanceM })),
    });
  });

  it('scales the synthetic field down but keeps every article runner and every country', () => {
    const small = planSeedEdition(facts2018, names, { scale: 0.02 });
    expect(small.entrants.length).toBeLessThan(400);
    expect(small.entrants.filter((e) => e.fromArticle)).toHaveLength(12);
    expect(new Set(small.entrants.map((e) => e.registration.country)).size).toBe(39);
    expect(() => planSeedEdition(facts2018, names, { scale: 0 })).toThrow(/scale/);
  });
});
