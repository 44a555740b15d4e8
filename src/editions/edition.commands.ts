import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext } from '../decider/command-context';
import { CommandOutcome, handleCommand } from '../decider/handle-command';
import { EventStore } from '../event-store/event-store';
import { EVENT_STORE } from '../event-store/event-store.module';
import { editionDecider, EditionCommand, editionStream } from './edition';
import { EditionEvent } from './edition-events';

type EditionOutcome = CommandOutcome<EditionEvent>;

/** Any command on an edition's stream: plan it, add a race, close registration, fire a gun. */
export class EditionCommandMessage extends Command<EditionOutcome> {
  constructor(
    readonly command: EditionCommand,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(EditionCommandMessage)
export class EditionCommandHandler implements ICommandHandler<EditionCommandMessage, EditionOutcome> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ command, context }: EditionCommandMessage): Promise<EditionOutcome> {
    return handleCommand(this.store, editionStream(command.data.editionId), editionDecider, command, context);
  }
}
