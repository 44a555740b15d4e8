import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext } from '../decider/command-context';
import { NotFoundError } from '../decider/domain-errors';
import { CommandOutcome, handleCommand } from '../decider/handle-command';
import { EDITIONS_PROJECTION, EditionsState, gunTimeFor } from '../editions/editions.projection';
import { EventStore } from '../event-store/event-store';
import { EVENT_STORE } from '../event-store/event-store.module';
import { ProjectionRunner } from '../projections/projection-runner';
import { entryStream } from '../registration/register-runner';
import { REGISTRATIONS_PROJECTION, RegistrationsState } from '../registration/registrations.projection';
import { CorrectTime, EntryTimingEvent, entryTimingDecider, ReviewRead } from './entry-timing';
import { IncomingRead, ReadOutcome, recordReads, unmatchedStream, warmTiming } from './record-reads';
import { UnmatchedReadDismissed } from './timing-events';
import { unmatchedReadDecider } from './unmatched-read';

export class RecordReadsCommand extends Command<ReadOutcome[]> {
  constructor(
    readonly editionId: string,
    readonly reads: IncomingRead[],
    readonly context: CommandContext,
  ) {
    super();
  }
}

/**
 * Race definitions, guns and registrations come from the read models: a batch of thousands of reads
 * must not re-read the edition's stream per read, and a gun or registration answered over HTTP has
 * already been folded into them (read-your-writes).
 */
@CommandHandler(RecordReadsCommand)
export class RecordReadsHandler implements ICommandHandler<RecordReadsCommand, ReadOutcome[]> {
  private readonly warm = warmTiming();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: ProjectionRunner,
  ) {}

  async execute({ editionId, reads, context }: RecordReadsCommand): Promise<ReadOutcome[]> {
    const edition = this.runner.state<EditionsState>(EDITIONS_PROJECTION)[editionId];
    if (!edition) throw new NotFoundError(`edition ${editionId} does not exist`);
    const registrations = this.runner.state<RegistrationsState>(REGISTRATIONS_PROJECTION)[editionId];
    const { outcomes } = await recordReads(this.store, edition, registrations, reads, context, this.warm);
    await this.runner.waitFor(Math.max(-1, ...outcomes.map((outcome) => outcome.position ?? -1)));
    return outcomes;
  }
}

type EntryRequest = Omit<ReviewRead, 'race' | 'gunTime'> | Omit<CorrectTime, 'race' | 'gunTime'>;

/** A review or a time correction on one runner's timing: decided with every read of that runner. */
export class AdjudicateTimingCommand extends Command<CommandOutcome<EntryTimingEvent>> {
  constructor(
    readonly request: EntryRequest,
    readonly context: CommandContext,
    /** The entry revision the organiser decided on; a concurrent change makes it 409. */
    readonly expectedRevision?: number,
  ) {
    super();
  }
}

@CommandHandler(AdjudicateTimingCommand)
export class AdjudicateTimingHandler implements ICommandHandler<AdjudicateTimingCommand, CommandOutcome<EntryTimingEvent>> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: ProjectionRunner,
  ) {}

  execute({ request, context, expectedRevision }: AdjudicateTimingCommand): Promise<CommandOutcome<EntryTimingEvent>> {
    const { editionId, bib } = request;
    const edition = this.runner.state<EditionsState>(EDITIONS_PROJECTION)[editionId];
    if (!edition) throw new NotFoundError(`edition ${editionId} does not exist`);
    const registered = this.runner.state<RegistrationsState>(REGISTRATIONS_PROJECTION)[editionId]?.byBib.get(bib);
    const race = edition.races.find((candidate) => candidate.raceId === registered?.raceId);
    if (!registered || !race) throw new NotFoundError(`bib ${bib} is not registered in edition ${editionId}`);
    const gunTime = gunTimeFor(race, registered.wave);
    const command = { ...request, race, ...(gunTime && { gunTime }) };
    return handleCommand(this.store, entryStream(editionId, bib), entryTimingDecider, command, context, {
      ...(expectedRevision !== undefined && { expectedRevision }),
    });
  }
}

/** An unmatched read an organiser judged to be nobody's (a spectator's chip, a stray read). */
export class DismissUnmatchedCommand extends Command<CommandOutcome<UnmatchedReadDismissed>> {
  constructor(
    readonly editionId: string,
    readonly readId: string,
    readonly context: CommandContext,
    /** The revision of the edition's unmatched-read stream the organiser decided on; a change since makes it 409. */
    readonly expectedRevision?: number,
  ) {
    super();
  }
}

@CommandHandler(DismissUnmatchedCommand)
export class DismissUnmatchedHandler implements ICommandHandler<DismissUnmatchedCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ editionId, readId, context, expectedRevision }: DismissUnmatchedCommand): Promise<CommandOutcome<UnmatchedReadDismissed>> {
    const dismiss = { type: 'DismissUnmatched' as const, data: { editionId, readId } };
    const outcome = await handleCommand(this.store, unmatchedStream(editionId), unmatchedReadDecider, dismiss, context, {
      ...(expectedRevision !== undefined && { expectedRevision }),
    });
    return { ...outcome, events: outcome.events.filter((event): event is UnmatchedReadDismissed => event.type === 'UnmatchedReadDismissed') };
  }
}
