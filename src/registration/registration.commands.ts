import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext } from '../decider/command-context';
import { CommandOutcome } from '../decider/handle-command';
import { EventStore } from '../event-store/event-store';
import { EVENT_STORE } from '../event-store/event-store.module';
import { RunnerRegistered } from './entry-events';
import { registerRunner, RegistrationRequest } from './register-runner';

export class RegisterRunnerCommand extends Command<CommandOutcome<RunnerRegistered>> {
  constructor(
    readonly request: RegistrationRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RegisterRunnerCommand)
export class RegisterRunnerHandler implements ICommandHandler<RegisterRunnerCommand, CommandOutcome<RunnerRegistered>> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ request, context }: RegisterRunnerCommand): Promise<CommandOutcome<RunnerRegistered>> {
    return registerRunner(this.store, request, context);
  }
}
