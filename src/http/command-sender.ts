import { Injectable } from '@nestjs/common';
import { Command, CommandBus } from '@nestjs/cqrs';
import { DomainEvent } from '../decider/decider';
import { CommandOutcome } from '../decider/handle-command';
import { ProjectionNotCaughtUpError, ProjectionRunner } from '../projections/projection-runner';

/** The command was recorded; only reading it back timed out. Sending it again would be a second command. */
export class RecordedNotYetReadableError extends Error {
  constructor(readonly position: number) {
    super(`recorded at log position ${position}, but the read models have not caught up yet: read again shortly, do not resend`);
    this.name = 'RecordedNotYetReadableError';
  }
}

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
    try {
      await this.runner.waitFor(outcome.position);
    } catch (error) {
      if (error instanceof ProjectionNotCaughtUpError) throw new RecordedNotYetReadableError(outcome.position);
      throw error;
    }
    return outcome;
  }
}
