import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext } from '../decider/command-context';
import { CommandOutcome, handleCommand } from '../decider/handle-command';
import { EventStore } from '../event-store/event-store';
import { EVENT_STORE } from '../event-store/event-store.module';
import { entryStream } from '../registration/register-runner';
import { adjudicationDecider, AdjudicationCommand, EntryEvent } from './adjudication';

export class AdjudicateCommand extends Command<CommandOutcome<EntryEvent>> {
  constructor(
    readonly command: AdjudicationCommand,
    readonly context: CommandContext,
    /** The entry revision the organiser decided on; a concurrent change makes it 409. */
    readonly expectedRevision?: number,
  ) {
    super();
  }
}

@CommandHandler(AdjudicateCommand)
export class AdjudicateHandler implements ICommandHandler<AdjudicateCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ command, context, expectedRevision }: AdjudicateCommand): Promise<CommandOutcome<EntryEvent>> {
    return handleCommand(
      this.store,
      entryStream(command.data.editionId, command.data.bib),
      adjudicationDecider,
      command,
      context,
      expectedRevision === undefined ? {} : { expectedRevision },
    );
  }
}
