import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext } from '../decider/command-context';
import { CommandOutcome } from '../decider/handle-command';
import { EventStore } from '../event-store/event-store';
import { EVENT_STORE } from '../event-store/event-store.module';
import { registerTeam, TeamRequest } from './register-team';
import { TeamRegistered } from './team-events';

export class RegisterTeamCommand extends Command<CommandOutcome<TeamRegistered>> {
  constructor(
    readonly request: TeamRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RegisterTeamCommand)
export class RegisterTeamHandler implements ICommandHandler<RegisterTeamCommand, CommandOutcome<TeamRegistered>> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ request, context }: RegisterTeamCommand): Promise<CommandOutcome<TeamRegistered>> {
    return registerTeam(this.store, request, context);
  }
}
