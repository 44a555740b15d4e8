import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext } from '../decider/command-context';
import { NotFoundError } from '../decider/domain-errors';
import { EDITIONS_PROJECTION, EditionsState } from '../editions/editions.projection';
import { EventStore } from '../event-store/event-store';
import { EVENT_STORE } from '../event-store/event-store.module';
import { ProjectionRunner } from '../projections/projection-runner';
import { REGISTRATIONS_PROJECTION, RegistrationsState } from '../registration/registrations.projection';
import { IncomingRead, ReadOutcome, recordReads } from './record-reads';

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
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: ProjectionRunner,
  ) {}

  async execute({ editionId, reads, context }: RecordReadsCommand): Promise<ReadOutcome[]> {
    const edition = this.runner.state<EditionsState>(EDITIONS_PROJECTION)[editionId];
    if (!edition) throw new NotFoundError(`edition ${editionId} does not exist`);
    const registrations = this.runner.state<RegistrationsState>(REGISTRATIONS_PROJECTION)[editionId];
    const outcomes = await recordReads(this.store, edition, registrations, reads, context);
    await this.runner.waitFor(Math.max(-1, ...outcomes.map((outcome) => outcome.position ?? -1)));
    return outcomes;
  }
}
