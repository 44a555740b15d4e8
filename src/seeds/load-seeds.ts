import { ConflictError } from '../decider/domain-errors';
import { handleCommand, readStreamOrEmpty } from '../decider/handle-command';
import { EditionCommand, editionDecider, editionStream } from '../editions/edition';
import { readEditionView } from '../editions/editions.projection';
import { registerTeam } from '../ekiden/register-team';
import { EventStore } from '../event-store/event-store';
import { entryStream, registerRunner } from '../registration/register-runner';
import { EditionRegistrations } from '../registration/registrations.projection';
import { recordReads, warmTiming } from '../timing/record-reads';
import { allocateFunds, allocationRecorded, receiveDonations } from './load-charity';
import { certifyResults, payPrizes, prizesSettled, setPrizeSchedules } from './load-prizes';
import { SeedPlan } from './seed-plan';
import { contextOf, editionView, LoadSession, ORGANISER, SEED_REASONS, SeedLoadReport, SeedProgress, SeedStep, TIMING } from './seed-session';

const onEdition = async (session: LoadSession, command: EditionCommand, reason: string, now: string) => {
  const { store, plan, report } = session;
  const outcome = await handleCommand(store, editionStream(plan.editionId), editionDecider, command, contextOf(plan, ORGANISER, reason, now));
  report.eventsAppended += outcome.events.length;
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

const registered = async ({ store, plan, resuming }: LoadSession, bib: string) =>
  resuming && (await readStreamOrEmpty(store, entryStream(plan.editionId, bib))).length > 0;

const registerEntrants: SeedStep = async (session) => {
  const { plan, report, progress } = session;
  for (const [index, entrant] of plan.entrants.entries()) {
    const { registration } = entrant;
    if (!(await registered(session, registration.bib))) {
      const reason = entrant.fromArticle ? SEED_REASONS.articleEntrant : SEED_REASONS.syntheticEntrant;
      const outcome = await registerRunner(session.store, registration, contextOf(plan, ORGANISER, reason, entrant.registeredAt));
      // The chip claim is appended before the registration itself.
      report.eventsAppended += outcome.events.length + 1;
      report.registered++;
    }
    progress('registration', index + 1, plan.entrants.length);
  }
};

const registerTeams: SeedStep = async (session) => {
  const { plan, report } = session;
  for (const team of plan.teams) {
    if (await registered(session, team.registration.bib)) continue;
    const reason = team.fromArticle ? SEED_REASONS.articleTeam : SEED_REASONS.syntheticTeam;
    const outcome = await registerTeam(session.store, team.registration, contextOf(plan, ORGANISER, reason, team.registeredAt));
    // The sash's chip claim is appended before the team itself.
    report.eventsAppended += outcome.events.length + 1;
    report.teamsRegistered++;
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

/** The registrations as the timing command looks them up, runners' chips and teams' sashes: the planned ones are exactly those in the store. */
export const seedRegistrations = (plan: SeedPlan): EditionRegistrations => {
  const registrations: EditionRegistrations = { byBib: new Map(), byChip: new Map() };
  for (const { registration } of [...plan.entrants, ...plan.teams]) {
    registrations.byBib.set(registration.bib, { raceId: registration.raceId, chipId: registration.chipId });
    registrations.byChip.set(registration.chipId, registration.bib);
  }
  return registrations;
};

/** Every crossing of the day is in once the last read that counts is: reads are sent in the plan's order. */
const readsRecorded = async (store: EventStore, plan: SeedPlan): Promise<boolean> => {
  const { chipId, readId } = plan.finalCountedRead;
  const bib = seedRegistrations(plan).byChip.get(chipId!)!;
  const entry = await readStreamOrEmpty(store, entryStream(plan.editionId, bib));
  return entry.some((event) => (event.data as { readId?: string }).readId === readId);
};

const recordTimingReads: SeedStep = async (session) => {
  const { store, plan, report, progress } = session;
  if (session.resuming && (await readsRecorded(store, plan))) return;
  const edition = await editionView(session);
  const registrations = seedRegistrations(plan);
  const total = plan.readBatches.reduce((sum, batch) => sum + batch.reads.length, 0);
  let done = 0;
  const warm = warmTiming();
  for (const batch of plan.readBatches) {
    const reason = batch.fromArticle ? SEED_REASONS.articleReads : SEED_REASONS.syntheticReads;
    const recorded = await recordReads(store, edition, registrations, batch.reads, contextOf(plan, TIMING, reason, batch.sentAt), warm);
    for (const { status } of recorded.outcomes) report.reads[status]++;
    report.eventsAppended += recorded.eventsAppended;
    done += batch.reads.length;
    progress('timing reads', done, total);
  }
};

/** Once the last mat has uploaded the course is closed: whoever has not finished is DNF or DNS. */
const closeRaces: SeedStep = async (session) => {
  // A plan without reads (a benchmark sends them itself) has no course to close yet.
  if (session.plan.readBatches.length === 0) return;
  const { races } = await editionView(session);
  const lastSent = session.plan.readBatches.reduce((latest, batch) => (batch.sentAt > latest ? batch.sentAt : latest), '');
  const closedAt = new Date(Date.parse(lastSent) + 60_000).toISOString();
  for (const race of races.filter((candidate) => candidate.guns.length > 0 && candidate.closedAt === undefined)) {
    const data = { editionId: session.plan.editionId, raceId: race.raceId, closedAt };
    await onEdition(session, { type: 'CloseRace', data }, SEED_REASONS.raceClosed, closedAt);
  }
};

/** Race day in its order: prize money is announced with the races, teams register before registration closes. */
const RACE_DAY: SeedStep[] = [planEdition, addRaces, setPrizeSchedules, registerEntrants, registerTeams, closeRegistration, fireGuns, recordTimingReads, closeRaces];
/** After race day: donations come in, results are certified (awarding the prizes), prizes paid, and the fund allocated. */
const AFTER_RACE_DAY: SeedStep[] = [receiveDonations, certifyResults, payPrizes, allocateFunds];

/** A complete load of a plan ends with its last write: the charity allocation, else the prize money, else the day's last read. */
const loadComplete = (store: EventStore, plan: SeedPlan): Promise<boolean> => {
  if (plan.charity) return allocationRecorded(store, plan.editionId, plan.charity);
  if (plan.prizes) return prizesSettled(store, plan.editionId, plan.prizes);
  return readsRecorded(store, plan);
};

/**
 * Where an earlier load of this plan got to. An edition someone else planned, or another seed or scale,
 * is not touched; nor is one an earlier version of this seed loaded before teams were seeded: its
 * registration is closed, so its teams can never be added.
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
  if (await loadComplete(store, plan)) return 'complete';
  const lastTeam = plan.teams[plan.teams.length - 1];
  const edition = await readEditionView(store, plan.editionId);
  if (lastTeam && !edition?.registrationOpen && (await readStreamOrEmpty(store, entryStream(plan.editionId, lastTeam.registration.bib))).length === 0) {
    throw new ConflictError(
      `edition ${plan.editionId} was loaded by an earlier version of this seed, without its ekiden teams, and its registration is closed; load into an empty store`,
    );
  }
  return 'partial';
};

/**
 * Loads one seed edition through the same command paths the API uses: the edition's decider, runner and
 * team registration, the timing command, the prize ledger and the charity fund. Loading it again writes
 * nothing; an interrupted load resumes.
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
    teamsRegistered: 0,
    reads: { accepted: 0, duplicate: 0, unmatched: 0, flagged: 0, rejected: 0 },
    eventsAppended: 0,
    seconds: 0,
  };
  if (earlier !== 'complete') {
    const session: LoadSession = { store, plan, report, resuming: earlier === 'partial', progress };
    for (const step of RACE_DAY) await step(session);
    // Prizes are certified from complete results: a plan loaded without its reads (the race-day benchmark
    // sends them itself) stops at race day.
    if (await readsRecorded(store, plan)) for (const step of AFTER_RACE_DAY) await step(session);
  }
  report.seconds = (performance.now() - started) / 1000;
  return report;
};
