import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConflictError } from '../../src/decider/domain-errors';
import { handleCommand } from '../../src/decider/handle-command';
import { EditionCommand, editionDecider, editionStream } from '../../src/editions/edition';
import { RecordedEvent } from '../../src/event-store/event-store';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { formatRaceTime } from '../../src/time/instant';
import { loadSeedEdition } from '../../src/seeds/load-seeds';
import { contextOf, ORGANISER, SEED_REASONS } from '../../src/seeds/seed-session';
import { readNamePools, readSeedFacts } from '../../src/seeds/seed-facts';
import { planSeedEdition } from '../../src/seeds/seed-plan';

const SCALE = 0.02;
const names = readNamePools();
const plan2017 = planSeedEdition(readSeedFacts('almaty-2017'), names, { scale: SCALE });
const plan2018 = planSeedEdition(readSeedFacts('almaty-2018'), names, { scale: SCALE });
/** Runners' chips and teams' sashes: each crossing counts once. */
const crossingsOf = (plan: typeof plan2018) => [...plan.entrants, ...plan.teams].reduce((sum, entry) => sum + entry.crossings.length, 0);

const allEvents = async (store: SqliteEventStore): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
};

describe('loading the seed editions', () => {
  let directory: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'race-seed-'));
    store = new SqliteEventStore(join(directory, 'events.sqlite'));
  });

  afterEach(async () => {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('writes through the command paths: every read is a crossing or a resend, none flagged, rejected or unmatched', async () => {
    let appended = 0;
    for (const plan of [plan2017, plan2018]) {
      const report = await loadSeedEdition(store, plan);
      appended += report.eventsAppended;
      const sent = plan.readBatches.reduce((sum, batch) => sum + batch.reads.length, 0);
      expect(report).toMatchObject({
        outcome: 'loaded',
        registered: plan.entrants.length,
        teamsRegistered: plan.teams.length,
        reads: { accepted: crossingsOf(plan), duplicate: sent - crossingsOf(plan), unmatched: 0, flagged: 0, rejected: 0 },
      });
    }

    const events = await allEvents(store);
    const editionEvents = events.filter((event) => event.streamId === editionStream('almaty-2018')).map((event) => event.type);
    expect(editionEvents).toEqual([
      'EditionPlanned',
      ...Array(5).fill('RaceAdded'),
      'RegistrationClosed',
      ...Array(5).fill('RaceStarted'),
      ...Array(5).fill('RaceClosed'),
    ]);
    const closed = events.find((event) => event.type === 'RegistrationClosed' && event.streamId === editionStream('almaty-2018'))!;
    const teams = events.filter((event) => event.type === 'TeamRegistered');
    expect(teams).toHaveLength(plan2018.teams.length);
    expect(teams.every((team) => team.position < closed.position)).toBe(true);
    expect(events.filter((event) => event.type === 'ReadFlagged' || event.type === 'ReadUnmatched')).toEqual([]);
    expect(appended).toBe(events.length);
  });

  it('labels what comes from the article and what is synthetic, with the seed as organiser and timing crew', async () => {
    await loadSeedEdition(store, plan2018);
    const events = await allEvents(store);
    const registrations = events.filter((event) => event.type === 'RunnerRegistered');
    const krasilov = registrations.find((event) => (event.data as { lastName: string }).lastName === 'Krasilov')!;
    expect(krasilov.metadata).toMatchObject({ actor: { id: 'seed', role: 'organiser' }, reason: SEED_REASONS.articleEntrant });
    expect(registrations.filter((event) => event.metadata.reason === SEED_REASONS.articleEntrant)).toHaveLength(12);
    expect(
      registrations.filter((event) => event.metadata.reason === SEED_REASONS.syntheticEntrant).every((event) => (event.data as { club?: string }).club === 'synthetic'),
    ).toBe(true);
    const reads = events.filter((event) => event.type === 'SplitRecorded' || event.type === 'FinishRecorded');
    expect(new Set(reads.map((event) => `${event.metadata.actor.role} ${event.metadata.reason}`))).toEqual(
      new Set([`timing ${SEED_REASONS.articleReads}`, `timing ${SEED_REASONS.syntheticReads}`]),
    );
  });

  it('records the article\'s marathon podium from the mats: Krasilov first in 2:33, Grigorov second', async () => {
    await loadSeedEdition(store, plan2018);
    const events = await allEvents(store);
    const gun = events.find((event) => event.type === 'RaceStarted' && (event.data as { raceId: string }).raceId === 'marathon')!;
    const gunMs = Date.parse((gun.data as { gunTime: string }).gunTime);
    const men = new Set(plan2018.entrants.filter((e) => e.registration.gender === 'M').map((e) => e.registration.bib));
    const finishes = events
      .filter((event) => event.type === 'FinishRecorded')
      .map((event) => event.data as { raceId: string; bib: string; time: string })
      .filter((finish) => finish.raceId === 'marathon' && men.has(finish.bib))
      .sort((a, b) => a.time.localeCompare(b.time));
    expect(finishes.slice(0, 3).map((finish) => finish.bib)).toEqual(['2', '1', '3']);
    expect(formatRaceTime(Date.parse(finishes[0]!.time) - gunMs)).toMatch(/^2:33:\d\d$/);
  });

  it('writes nothing the second time, and resumes a load that was interrupted', async () => {
    let reads = 0;
    const interrupted = loadSeedEdition(store, plan2018, (step, done) => {
      if (step === 'timing reads' && (reads = done) > 600) throw new Error('power cut');
    });
    await expect(interrupted).rejects.toThrow('power cut');
    expect(reads).toBeGreaterThan(600);

    const resumed = await loadSeedEdition(store, plan2018);
    expect(resumed).toMatchObject({ outcome: 'resumed', registered: 0, reads: { flagged: 0, rejected: 0, unmatched: 0 } });
    const recorded = (await allEvents(store)).filter((event) => event.type === 'SplitRecorded' || event.type === 'FinishRecorded');
    expect(recorded).toHaveLength(crossingsOf(plan2018));

    const head = await store.headPosition();
    expect(await loadSeedEdition(store, plan2018)).toMatchObject({ outcome: 'already loaded', eventsAppended: 0 });
    expect(await store.headPosition()).toBe(head);
  });

  it('resumes a load interrupted while registering without registering anyone twice', async () => {
    const interrupted = loadSeedEdition(store, plan2018, (step, done) => {
      if (step === 'registration' && done === 100) throw new Error('power cut');
    });
    await expect(interrupted).rejects.toThrow('power cut');
    const resumed = await loadSeedEdition(store, plan2018);
    expect(resumed).toMatchObject({ outcome: 'resumed', registered: plan2018.entrants.length - 100, reads: { accepted: crossingsOf(plan2018) } });
  });

  it('refuses to complete an edition an earlier version of this seed loaded without teams: its registration is closed', async () => {
    const context = contextOf(plan2018, ORGANISER, plan2018.provenance, plan2018.plannedAt);
    const onEdition = (command: EditionCommand) => handleCommand(store, editionStream('almaty-2018'), editionDecider, command, context);
    await onEdition({ type: 'PlanEdition', data: plan2018.edition });
    for (const race of plan2018.races) await onEdition({ type: 'AddRace', data: race });
    await onEdition({ type: 'CloseRegistration', data: { editionId: 'almaty-2018', closedAt: plan2018.registrationClosedAt } });
    await expect(loadSeedEdition(store, plan2018)).rejects.toThrow(/loaded by an earlier version of this seed, without its ekiden teams/);
  });

  it('leaves alone an edition of the same id it did not load, or loaded at another scale', async () => {
    const someoneElse = { actor: { id: 'organiser-1', role: 'organiser' as const }, correlationId: 'c', now: '2018-01-01T00:00:00.000Z' };
    await handleCommand(store, editionStream('almaty-2018'), editionDecider, { type: 'PlanEdition', data: plan2018.edition }, someoneElse);
    await expect(loadSeedEdition(store, plan2018)).rejects.toThrow(ConflictError);

    await loadSeedEdition(store, plan2017);
    const otherScale = planSeedEdition(readSeedFacts('almaty-2017'), names, { scale: 0.03 });
    await expect(loadSeedEdition(store, otherScale)).rejects.toThrow(/not loaded by this seed at this scale/);
  });
});
