import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext } from '../decider/command-context';
import { CommandOutcome, handleCommand } from '../decider/handle-command';
import { EventStore, streamName } from '../event-store/event-store';
import { EVENT_STORE } from '../event-store/event-store.module';
import { AddRace, editionDecider, PlanEdition } from './edition';
import { EditionEvent } from './edition-events';

type EditionOutcome = CommandOutcome<EditionEvent>;

export const editionStream = (editionId: string) => streamName('edition', editionId);

export class PlanEditionCommand extends Command<EditionOutcome> {
  constructor(
    readonly data: PlanEdition['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}

export class AddRaceCommand extends Command<EditionOutcome> {
  constructor(
    readonly data: AddRace['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(PlanEditionCommand)
export class PlanEditionHandler implements ICommandHandler<PlanEditionCommand, EditionOutcome> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ data, context }: PlanEditionCommand): Promise<EditionOutcome> {
    return handleCommand(this.store, editionStream(data.editionId), editionDecider, { type: 'PlanEdition', data }, context);
  }
}

@CommandHandler(AddRaceCommand)
export class AddRaceHandler implements ICommandHandler<AddRaceCommand, EditionOutcome> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ data, context }: AddRaceCommand): Promise<EditionOutcome> {
    return handleCommand(this.store, editionStream(data.editionId), editionDecider, { type: 'AddRace', data }, context);
  }
}
