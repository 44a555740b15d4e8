import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext } from '../decider/command-context';
import { NotFoundError } from '../decider/domain-errors';
import { CommandOutcome, handleCommand } from '../decider/handle-command';
import { readEditionView } from '../editions/editions.projection';
import { EventStore } from '../event-store/event-store';
import { EVENT_STORE } from '../event-store/event-store.module';
import { toMinorUnits } from '../money/money';
import { ProjectionRunner } from '../projections/projection-runner';
import { charityDecider, CharityCommand, charityStream } from './charity';
import { CharityEvent, DonationReceived, FundsAllocated } from './charity-events';
import { CHARITY_PROJECTION, CharityState } from './charity.projection';

/** Money as finance sends it: major units, in the edition's currency unless it names one. */
type MajorAmount = { amount: number; currency?: string };

export type CharityRequest =
  | {
      type: 'RecordDonation';
      data: Omit<DonationReceived['data'], 'amountMinor' | 'currency' | 'receivedAt'> & { receivedAt?: string };
      money: MajorAmount;
    }
  | { type: 'AllocateFunds'; data: Omit<FundsAllocated['data'], 'amountMinor' | 'currency'>; money: MajorAmount };

type CharityOutcome = CommandOutcome<CharityEvent>;

/** Any command on an edition's charity stream: record a donation, allocate funds. */
export class CharityCommandMessage extends Command<CharityOutcome> {
  constructor(
    readonly request: CharityRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/**
 * Gathers what the pure decider cannot see: the edition's currency from its own stream (exact), and
 * the entry fees raised so far from the charity read model. Donations and allocations are on the
 * charity stream itself, so the fund check is exact for them, and the append at the revision read
 * makes a concurrent allocation a 409 instead of an overdraft.
 */
@CommandHandler(CharityCommandMessage)
export class CharityCommandHandler implements ICommandHandler<CharityCommandMessage, CharityOutcome> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: ProjectionRunner,
  ) {}

  async execute({ request, context }: CharityCommandMessage): Promise<CharityOutcome> {
    const edition = await readEditionView(this.store, request.data.editionId);
    if (!edition) throw new NotFoundError(`edition ${request.data.editionId} does not exist`);
    const entryFeesMinor = this.runner.state<CharityState>(CHARITY_PROJECTION)[request.data.editionId]?.entryFees ?? 0;
    const command = commandOf(request, edition.currency, entryFeesMinor, context.now);
    return handleCommand(this.store, charityStream(request.data.editionId), charityDecider, command, context);
  }
}

const commandOf = (request: CharityRequest, editionCurrency: string, entryFeesMinor: number, now: string): CharityCommand => {
  const { amount, currency = editionCurrency } = request.money;
  const money = { amountMinor: toMinorUnits(amount, currency), currency };
  const edition = { currency: editionCurrency };
  switch (request.type) {
    case 'RecordDonation':
      return { type: request.type, data: { ...request.data, ...money }, edition, now };
    case 'AllocateFunds':
      return { type: request.type, data: { ...request.data, ...money }, edition, entryFeesMinor };
  }
};
