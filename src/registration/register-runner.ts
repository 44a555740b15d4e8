import { CommandContext } from '../decider/command-context';
import { DomainEvent } from '../decider/decider';
import { ConflictError, NotFoundError } from '../decider/domain-errors';
import { CommandOutcome, foldStream, handleCommand, readStreamOrEmpty, toNewEvent } from '../decider/handle-command';
import { EditionView, RaceView, readEditionView } from '../editions/editions.projection';
import { EventStore, streamName, WrongExpectedVersionError } from '../event-store/event-store';
import { toMajorUnits, toMinorUnits } from '../money/money';
import { chipDecider } from './chip';
import { countryAsRegistered } from './countries';
import { EditionFacts, entryDecider } from './entry';
import { RunnerRegistered } from './entry-events';

/** A registration as the API takes it: the entry fee in the edition currency's major unit. */
export type RegistrationRequest = Omit<RunnerRegistered['data'], 'entryFee'> & { entryFee?: number };

/** What a registration (a runner's or a team's) is decided on: the edition, and the race it is for as the edition defines it. */
export const editionFactsFor = (edition: EditionView, raceId: string): EditionFacts & { race?: RaceView } => {
  const race = edition.races.find((candidate) => candidate.raceId === raceId);
  return { registrationOpen: edition.registrationOpen, date: edition.date, ...(race && { race }) };
};

export const entryStream = (editionId: string, bib: string) => streamName('entry', editionId, bib);
export const chipStream = (editionId: string, chipId: string) => streamName('chip', editionId, chipId);

/**
 * The edition a registration is for, read from its own stream (a lagging read model must not admit a
 * runner after registration closed), and the entry fee converted to its currency's minor units.
 */
export const editionAndFee = async <Request extends { editionId: string; entryFee?: number }>(store: EventStore, request: Request) => {
  const edition = await readEditionView(store, request.editionId);
  if (!edition) throw new NotFoundError(`edition ${request.editionId} does not exist`);
  const { entryFee, ...registration } = request;
  const fee =
    entryFee === undefined
      ? {}
      : { entryFee: { amountMinor: toMinorUnits(entryFee, edition.currency, 'entryFee'), currency: edition.currency } };
  return { edition, registration, fee };
};

/** A registration as the API answers it: the entry fee back in the major unit it was sent in (the event keeps minor units). */
export const withFeeInMajorUnits = <Data extends { entryFee?: { amountMinor: number; currency: string } }>({ entryFee, ...data }: Data) => ({
  ...data,
  ...(entryFee && { entryFee: { amount: toMajorUnits(entryFee.amountMinor, entryFee.currency), currency: entryFee.currency } }),
});

/** Registers a runner: every rule is decided first, then the entry is created (createEntry). */
export const registerRunner = async (
  store: EventStore,
  request: RegistrationRequest,
  context: CommandContext,
): Promise<CommandOutcome<RunnerRegistered>> => {
  const { edition, registration, fee } = await editionAndFee(store, request);
  const data: RunnerRegistered['data'] = { ...registration, ...countryAsRegistered(registration.country), ...fee };
  const facts = editionFactsFor(edition, data.raceId);

  const history = await readStreamOrEmpty(store, entryStream(data.editionId, data.bib));
  const events = entryDecider.decide({ type: 'RegisterRunner', data, edition: facts }, foldStream(entryDecider, history));
  return createEntry(store, data, events, context);
};

/**
 * Creates an entry stream (a runner's or a relay team's) so that bib and chip stay unique without a
 * read-then-write race: the chip stream is claimed with optimistic concurrency, then the entry stream
 * is created with `no_stream`. If the bib was taken in between, the chip claim is released again, so
 * nothing is left half-registered. The caller has decided the events already (every rule, nothing written).
 */
export const createEntry = async <Event extends DomainEvent>(
  store: EventStore,
  entry: { editionId: string; bib: string; chipId: string },
  events: Event[],
  context: CommandContext,
): Promise<CommandOutcome<Event>> => {
  const stream = entryStream(entry.editionId, entry.bib);
  const chip = { editionId: entry.editionId, chipId: entry.chipId, bib: entry.bib };
  const claim = await concurrencyAsConflict(`chip ${entry.chipId}`, () =>
    handleCommand(store, chipStream(entry.editionId, entry.chipId), chipDecider, { type: 'ClaimChip', data: chip }, context),
  );
  try {
    const newEvents = events.map((event) => toNewEvent(event, context));
    const appended = await store.appendToStream(stream, newEvents, { expectedRevision: 'no_stream' });
    return {
      streamId: stream,
      events,
      eventIds: newEvents.map((event) => event.id),
      position: appended.position,
      revision: appended.nextExpectedRevision,
    };
  } catch (error) {
    // Only the call that claimed the chip releases it: an identical registration racing this one holds it.
    if (claim.events.length > 0) {
      await handleCommand(store, chipStream(entry.editionId, entry.chipId), chipDecider, { type: 'ReleaseChip', data: chip }, context);
    }
    if (error instanceof WrongExpectedVersionError) {
      throw new ConflictError(`bib ${entry.bib} is already taken in edition ${entry.editionId}`);
    }
    throw error;
  }
};

const concurrencyAsConflict = async <T>(what: string, attempt: () => Promise<T>): Promise<T> => {
  try {
    return await attempt();
  } catch (error) {
    if (error instanceof WrongExpectedVersionError) throw new ConflictError(`${what} was claimed at the same moment by another registration`);
    throw error;
  }
};
