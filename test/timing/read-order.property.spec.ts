import { randomUUID } from 'node:crypto';
import { DomainEvent } from '../../src/decider/decider';
import { RaceAdded } from '../../src/editions/edition-events';
import { editionsProjection } from '../../src/editions/editions.projection';
import { RecordedEvent } from '../../src/event-store/event-store';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { computeAwards } from '../../src/prizes/awards';
import { PrizeScheduleSet } from '../../src/prizes/prize-events';
import { registrationsProjection } from '../../src/registration/registrations.projection';
import { raceRecords } from '../../src/results/records';
import { resultsProjection } from '../../src/results/results.projection';
import { rankRace } from '../../src/results/standings';
import { SeededRandom, seededRandom } from '../../src/seeds/seeded-random';
import { IncomingRead, recordReads } from '../../src/timing/record-reads';
import { marathon } from '../http/race-day-fixtures';
import { editionPlanned, GUN, marathonAdded, raceStarted, runnerRegistered, tenKAdded } from '../results/results-fixtures';

/**
 * Reads are facts and results are derived: for generated races (two laps, backup mats, resends, missed
 * mats, mats that upload late, runners who stop or never start, a runner walking back over the finish),
 * every order and every batching of the same reads publishes byte-identical standings, records and
 * prize awards. A fixed seed, so a failure names the case that reproduces it.
 */
const SEED = 20180422;
const CASES = 150;

const marathonCourse = marathonAdded({ timingPoints: marathon.timingPoints });

const schedule = (raceId: string, basis: 'gun' | 'net'): PrizeScheduleSet['data'] => ({
  editionId: 'almaty-2018',
  raceId,
  currency: 'KZT',
  basis,
  pools: [
    { category: 'overall', amountsMinor: [40_000_000, 30_000_000, 25_000_000] },
    { category: 'F', amountsMinor: [10_000_000, 5_000_000] },
  ],
  onePrizePerRunner: true,
  tiedPlaces: 'share',
});

interface GeneratedRace {
  race: RaceAdded;
  registrations: DomainEvent[];
  reads: IncomingRead[];
}

const at = (ms: number) => new Date(ms).toISOString();

/** A race's field and every read its mats send, resends and backup mats included. */
const generateRace = (random: SeededRandom, caseNo: number): GeneratedRace => {
  const race = random.chance(0.6) ? marathonCourse : tenKAdded();
  const { raceId, distanceM, timingPoints } = race.data;
  const matSendsLap = new Map(timingPoints.map((point) => [point.pointId, random.chance(0.3)]));
  const gunMs = Date.parse(GUN);
  const runners = 3 + Math.floor(random.next() * 8);
  const registrations: DomainEvent[] = [];
  const reads: IncomingRead[] = [];
  for (let n = 1; n <= runners; n++) {
    const bib = `${caseNo}${String(n).padStart(2, '0')}`;
    registrations.push(runnerRegistered(bib, { raceId, gender: random.chance(0.4) ? 'F' : 'M', dateOfBirth: random.pick(['1970-03-01', '1984-07-15', '1995-11-30']) }));
    // The first runner of every case finishes, so every case has places and prizes to compare.
    if (n > 1 && random.chance(0.1)) continue;
    // Whole tenths of a second, and some runners pace alike, so ties at read precision happen.
    const secondsPerKm = random.pick([190, 200, 200, 215, 240, 260, 300, 330]) + Math.floor(random.next() * 3);
    const startMs = gunMs + Math.round(random.between(0, 90)) * 100;
    const stopsAfter = n > 1 && random.chance(0.15) ? 1 + Math.floor(random.next() * (timingPoints.length - 1)) : timingPoints.length;
    timingPoints.slice(0, stopsAfter).forEach((point, index) => {
      const timeMs = point.distanceM === 0 ? startMs : startMs + Math.round((point.distanceM / 1000) * secondsPerKm * 10) * 100;
      const lap = matSendsLap.get(point.pointId) ? { lap: point.lap } : {};
      const read = { readId: `main:${point.pointId}:${point.lap}:${bib}`, chipId: `C${bib}`, pointId: point.pointId, time: at(timeMs), ...lap };
      if (!random.chance(0.12) || index === stopsAfter - 1) reads.push(read);
      if (random.chance(0.2)) reads.push(read);
      if (random.chance(0.35)) {
        reads.push({ ...read, readId: `backup:${point.pointId}:${point.lap}:${bib}`, time: at(timeMs + Math.round(random.between(1, 40)) * 100) });
      }
    });
    if (stopsAfter === timingPoints.length && random.chance(0.15)) {
      const finish = timingPoints[timingPoints.length - 1]!;
      const finishMs = startMs + Math.round((distanceM / 1000) * secondsPerKm * 10) * 100;
      reads.push({ readId: `walk-back:${bib}`, chipId: `C${bib}`, pointId: finish.pointId, time: at(finishMs + 180_000) });
    }
  }
  return { race, registrations, reads };
};

/** The same reads as a mat crew might send them: one by one, in reverse, shuffled into batches. */
const orderings = (random: SeededRandom, reads: IncomingRead[]): IncomingRead[][][] => {
  const shuffled = () => {
    const copy = [...reads];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(random.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  };
  const inBatches = (order: IncomingRead[]) => {
    const batches: IncomingRead[][] = [];
    for (let i = 0; i < order.length; ) {
      const size = 1 + Math.floor(random.next() * 12);
      batches.push(order.slice(i, i + size));
      i += size;
    }
    return batches;
  };
  const byTime = [...reads].sort((a, b) => a.time.localeCompare(b.time));
  // The start mat and the 10 km mat reconnect last: the finish laptop's reads arrive first.
  const lateMats = [...byTime.filter((read) => read.pointId === 'finish'), ...byTime.filter((read) => read.pointId !== 'finish').reverse()];
  return [byTime.map((read) => [read]), [[...reads].reverse()], inBatches(shuffled()), shuffled().map((read) => [read]), inBatches(lateMats)];
};

const metadata = { actor: { id: 'timing#test', role: 'timing' as const }, correlationId: 'property', occurredAt: GUN, schemaVersion: 1 };

/** Runs the reads through the command path into a fresh store and publishes what the public and finance would see. */
const publish = async ({ race, registrations }: GeneratedRace, batches: IncomingRead[][]): Promise<string> => {
  const store = new SqliteEventStore(':memory:');
  try {
    const setup = [editionPlanned(), race, raceStarted(race.data.raceId), ...registrations];
    for (const event of setup) {
      const data = event.data as { editionId: string; bib?: string };
      const streamId = data.bib === undefined ? `edition-${data.editionId}` : `entry-${data.editionId}-${data.bib}`;
      await store.appendToStream(streamId, [{ id: randomUUID(), type: event.type, data: event.data, metadata }]);
    }
    const log: RecordedEvent[] = [];
    for await (const event of store.readAll()) log.push(event);
    const edition = log.reduce(editionsProjection.evolve, editionsProjection.initialState())['almaty-2018']!;
    const registered = log.reduce(registrationsProjection.evolve, registrationsProjection.initialState())['almaty-2018'];
    const context = { actor: metadata.actor, correlationId: 'property', now: GUN };
    for (const batch of batches) await recordReads(store, edition, registered, batch, context);

    let results = resultsProjection.initialState();
    for await (const event of store.readAll()) results = resultsProjection.evolve(results, event);
    const editionResults = results['almaty-2018']!;
    const raceResults = editionResults.races[race.data.raceId]!;
    const standings = rankRace(raceResults);
    const records = raceRecords([editionResults], editionResults, raceResults, (r) => rankRace(r));
    const awards = ['gun', 'net'].map((basis) => computeAwards(schedule(race.data.raceId, basis as 'gun' | 'net'), standings));
    return JSON.stringify({ rows: standings.rows, records, awards });
  } finally {
    await store.close();
  }
};

describe('results follow from the set of reads, never their order or batching', () => {
  const random = seededRandom(SEED);
  const cases = Array.from({ length: CASES }, (_, caseNo) => ({ caseNo, generated: generateRace(random, caseNo + 1) }));

  it.each(cases)('case $caseNo: every order and batching publishes the same', async ({ caseNo, generated }) => {
    const [first, ...others] = orderings(seededRandom(SEED + caseNo), generated.reads);
    const expected = await publish(generated, first!);
    expect(expected).toContain('"status":"finished"');
    for (const batches of others) expect(await publish(generated, batches)).toBe(expected);
  });
});
