import { Actor } from '../auth/actor';
import { CommandContext } from '../decider/command-context';
import { EditionView, readEditionView } from '../editions/editions.projection';
import { EventStore } from '../event-store/event-store';
import { ReadStatus } from '../timing/record-reads';
import { SeedPlan } from './seed-plan';

export const ORGANISER: Actor = { id: 'seed', role: 'organiser' };
export const TIMING: Actor = { id: 'seed', role: 'timing' };
export const FINANCE: Actor = { id: 'seed', role: 'finance' };

/** The metadata reason of every seeded event says where it comes from: the article, an assumption, or nowhere (synthetic). */
export const SEED_REASONS = {
  articleEntrant: 'seed: from the article',
  syntheticEntrant: 'seed: synthetic entrant',
  articleTeam: 'seed: team from the article (its leg runners synthetic; bib, category and time assumed)',
  syntheticTeam: 'seed: synthetic team',
  registrationClosed: 'seed: registration closed days before race day (article); the instant is assumed',
  gun: 'seed: assumed gun time',
  raceClosed: 'seed: course closed after the last read of the day (the instant is assumed)',
  articleReads:
    'seed: reads of runners and teams from the article (places from the article, times from it where it states them and assumed otherwise; splits synthetic)',
  syntheticReads: 'seed: synthetic reads',
  certification: 'seed: results certified for prize money (the instant is assumed)',
  payment: 'seed: synthetic payment',
  donation: 'seed: synthetic donation',
  allocation: 'seed: the money the marathon raises goes to charity (article); the cause and the date are assumed',
} as const;

export type LoadOutcome = 'loaded' | 'resumed' | 'already loaded';

export interface SeedLoadReport {
  editionId: string;
  outcome: LoadOutcome;
  /** Runners registered by this load (a resumed load skips those already there); teams apart. */
  registered: number;
  teamsRegistered: number;
  reads: Record<ReadStatus, number>;
  /** The prize ledger once this load is through with it, if the edition has prize money. */
  prizes?: { certified: string[]; awards: number; awardedMinor: number; payments: number; paidMinor: number };
  /** The charity fund after the allocation, if the edition gives to charity. */
  charity?: { entries: number; entryFeesMinor: number; donations: number; donatedMinor: number; allocatedMinor: number; cause: string };
  eventsAppended: number;
  seconds: number;
}

export type SeedProgress = (step: 'registration' | 'timing reads', done: number, total: number) => void;

export interface LoadSession {
  store: EventStore;
  plan: SeedPlan;
  report: SeedLoadReport;
  /** Resuming an interrupted load: what is already in the store is skipped, not sent again. */
  resuming: boolean;
  progress: SeedProgress;
}

/** One stage of loading an edition. Each writes only what is missing, so a resumed load picks up where it stopped. */
export type SeedStep = (session: LoadSession) => Promise<void>;

export const contextOf = (plan: SeedPlan, actor: Actor, reason: string, now: string): CommandContext => ({
  actor,
  correlationId: `seed:${plan.editionId}`,
  reason,
  now,
});

export const editionView = async ({ store, plan }: LoadSession): Promise<EditionView> => {
  const view = await readEditionView(store, plan.editionId);
  if (!view) throw new Error(`edition ${plan.editionId} is not planned`);
  return view;
};
