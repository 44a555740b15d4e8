import { Actor } from '../auth/actor';
import { CommandContext } from '../decider/command-context';
import { ConflictError } from '../decider/domain-errors';
import { handleCommand, readStreamOrEmpty } from '../decider/handle-command';
import { EditionCommand, editionDecider, editionStream } from '../editions/edition';
import { EditionView, readEditionView } from '../editions/editions.projection';
import { EventStore } from '../event-store/event-store';
import { entryStream, registerRunner } from '../registration/register-runner';
import { EditionRegistrations } from '../registration/registrations.projection';
import { ReadStatus, recordReads } from '../timing/record-reads';
import { SeedPlan } from './seed-plan';

const ORGANISER: Actor = { id: 'seed', role: 'organiser' };
const TIMING: Actor = { id: 'seed', role: 'timing' };

export const SEED_REASONS = {
  articleEntrant: 'seed: from the article',
  syntheticEntrant: 'seed: synthetic entrant',
  registrationClosed: 'seed: registration closed days before race day (article); the instant is assumed',
  gun: 'seed: assumed gun time',
  articleReads: 'seed: reads of runners from the article (place and time from the article; splits and unstated seconds synthetic)',
  syntheticReads: 'seed: synthetic reads',
} as const;

export type LoadOutcome = 'loaded' | 'resumed' | 'already loaded';

export interface SeedLoadReport {
  editionId: string;
  outcome: LoadOutcome;
  /** Runners registered by this load (a resumed load skips those already there). */
  registered: number;
  reads: Record<ReadStatus, number>;
  eventsAppended: number;
  seconds: number;
}

export type SeedProgress = (step: 'registration' | 'timing reads', done: number, total: number) => void;

interface LoadSession {
  store: EventStore;
  plan: SeedPlan;
  report: SeedLoadReport;
  /** Resuming an interrupted load: what is already in the store is skipped, not sent again. */
  resuming: boolean;
  progress: SeedProgress;
}

/** One stage of loading an edition. Each writes only what is missing, so a resumed load picks up where it stopped. */
type SeedStep = (session: LoadSession) => Promise<void>;

const contextOf = (plan: SeedPlan, actor: Actor, reason: string, now: string): CommandContext => ({
  actor,
  correlationId: `seed:${plan.editionId}`,
  reason,
  now,
});

const onEdition = async (session: LoadSession, command: EditionCommand, reason: string, now: string) => {
  const { store, plan, report } = session;
  const outcome = await handleCommand(store, editionStream(plan.editionId), editionDecider, command, contextOf(plan, ORGANISER, reason, now));
  report.eventsAppended += outcome.events.length;
};

const editionView = async ({ store, plan }: LoadSession): Promise<EditionView> => {
  const view = await readEditionView(store, plan.editionId);
  if (!view) throw new Error(`edition ${plan.editionId} is not planned`);
  return view;
};

const planEdition: SeedStep = async (session) => {
  if (await readEditionView(session.store, session.plan.editionId)) return;
  await onEdition(session, { type: 'PlanEdition', data: session.plan.edition }, session.plan.provenance, session.plan.plannedAt);
};

const addRaces: SeedStep = async (session) => {
  const { races } = await editionView(session);
  for (const race of session.plan.races.filter((planned) => !races.some((added) => added.raceId === planned.raceId))) {
    await onEdition(session, { type: 'AddRace', data: race }, session.plan.provenance, session.plan.plannedAt);
  }
};

const registerEntrants: SeedStep = async (session) => {
  const { store, plan, report, progress } = session;
  for (const [index, entrant] of plan.entrants.entries()) {
    const { registration } = entrant;
    const registered = session.resuming && (await readStreamOrEmpty(store, entryStream(plan.editionId, registration.bib))).length > 0;
    if (!registered) {
      const reason = entrant.fromArticle ? SEED_REASONS.articleEntrant : SEED_REASONS.syntheticEntrant;
      const outcome = await registerRunner(store, registration, contextOf(plan, ORGANISER, reason, entrant.registeredAt));
      // The chip claim is appended before the registration itself.
      report.eventsAppended += outcome.events.length + 1;
      report.registered++;
    }
    progress('registration', index + 1, plan.entrants.length);
  }
};

const closeRegistration: SeedStep = async (session) => {
  if (!(await editionView(session)).registrationOpen) return;
  const { editionId, registrationClosedAt } = session.plan;
  await onEdition(session, { type: 'CloseRegistration', data: { editionId, closedAt: registrationClosedAt } }, SEED_REASONS.registrationClosed, registrationClosedAt);
};

const fireGuns: SeedStep = async (session) => {
  const { races } = await editionView(session);
  for (const gun of session.plan.guns.filter((planned) => races.some((race) => race.raceId === planned.raceId && race.guns.length === 0))) {
    await onEdition(session, { type: 'StartRace', data: { editionId: session.plan.editionId, ...gun } }, SEED_REASONS.gun, gun.gunTime);
  }
};

/** The registrations as the timing command looks them up: the planned ones are exactly those in the store. */
export const seedRegistrations = (plan: SeedPlan): EditionRegistrations => {
  const registrations: EditionRegistrations = { byBib: {}, byChip: {} };
  for (const { registration } of plan.entrants) {
    registrations.byBib[registration.bib] = { raceId: registration.raceId, chipId: registration.chipId };
    registrations.byChip[registration.chipId] = registration.bib;
  }
  return registrations;
};

const recordTimingReads: SeedStep = async (session) => {
  const { store, plan, report, progress } = session;
  const edition = await editionView(session);
  const registrations = seedRegistrations(plan);
  const total = plan.readBatches.reduce((sum, batch) => sum + batch.reads.length, 0);
  let done = 0;
  for (const batch of plan.readBatches) {
    const reason = batch.fromArticle ? SEED_REASONS.articleReads : SEED_REASONS.syntheticReads;
    const outcomes = await recordReads(store, edition, registrations, batch.reads, contextOf(plan, TIMING, reason, batch.sentAt));
    for (const { status } of outcomes) {
      report.reads[status]++;
      if (status !== 'duplicate' && status !== 'rejected') report.eventsAppended++;
    }
    done += batch.reads.length;
    progress('timing reads', done, total);
  }
};

/**
 * What the seed loads today, in race-day order. Ekiden teams (before registration closes), prize
 * schedules and charity donations become steps here: their facts are already in seeds/*.json.
 */
const SEED_STEPS: SeedStep[] = [planEdition, addRaces, registerEntrants, closeRegistration, fireGuns, recordTimingReads];

/**
 * Where an earlier load of this plan got to. Complete means the reads, the last step, are all in: a step
 * added after them must extend this check. An edition someone else planned, or another seed or scale, is not touched.
 */
const earlierLoad = async (store: EventStore, plan: SeedPlan): Promise<'none' | 'partial' | 'complete'> => {
  const [planned] = await readStreamOrEmpty(store, editionStream(plan.editionId));
  if (!planned) return 'none';
  const { actor, reason } = planned.metadata;
  if (actor.id !== ORGANISER.id || reason !== plan.provenance) {
    throw new ConflictError(
      `edition ${plan.editionId} already exists and was not loaded by this seed at this scale (planned by ${actor.id}: "${reason ?? 'no reason given'}"); load into an empty store or with the same scale`,
    );
  }
  const { chipId, readId } = plan.finalCountedRead;
  const bib = plan.entrants.find((entrant) => entrant.registration.chipId === chipId)!.registration.bib;
  const entry = await readStreamOrEmpty(store, entryStream(plan.editionId, bib));
  return entry.some((event) => (event.data as { readId?: string }).readId === readId) ? 'complete' : 'partial';
};

/**
 * Loads one seed edition through the same command paths the API uses: the edition's decider, runner
 * registration and the timing command. Loading it again writes nothing; an interrupted load resumes.
 */
export const loadSeedEdition = async (
  store: EventStore,
  plan: SeedPlan,
  progress: SeedProgress = () => undefined,
): Promise<SeedLoadReport> => {
  const started = performance.now();
  const earlier = await earlierLoad(store, plan);
  const report: SeedLoadReport = {
    editionId: plan.editionId,
    outcome: earlier === 'none' ? 'loaded' : earlier === 'partial' ? 'resumed' : 'already loaded',
    registered: 0,
    reads: { accepted: 0, duplicate: 0, unmatched: 0, flagged: 0, rejected: 0 },
    eventsAppended: 0,
    seconds: 0,
  };
  if (earlier !== 'complete') {
    const session: LoadSession = { store, plan, report, resuming: earlier === 'partial', progress };
    for (const step of SEED_STEPS) await step(session);
  }
  report.seconds = (performance.now() - started) / 1000;
  return report;
};
