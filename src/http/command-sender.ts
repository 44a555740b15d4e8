import { Injectable } from '@nestjs/common';
import { Command, CommandBus } from '@nestjs/cqrs';
import { DomainEvent } from '../decider/decider';
import { CommandOutcome } from '../decider/handle-command';
import { ProjectionRunner } from '../projections/projection-runner';

/**
 * Sends a command and waits until the read models have folded what it appended, so a client that
 * writes and then reads sees its own write.
 */
@Injectable()
export class CommandSender {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly runner: ProjectionRunner,
  ) {}

  async send<Outcome extends CommandOutcome<DomainEvent>>(command: Command<Outcome>): Promise<Outcome> {
    const outcome = await this.commandBus.execute(command);
    await this.runner.waitFor(outcome.position);
    return outcome;
  }
}
