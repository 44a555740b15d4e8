import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '../decider/domain-errors';
import { EventStore } from '../event-store/event-store';
import { EVENT_STORE } from '../event-store/event-store.module';
import { ProjectionRunner } from '../projections/projection-runner';
import { ledgerCsv, readCharityLedger } from './charity-ledger';
import { CHARITY_PROJECTION, CharityFund, CharityState, CharityTotals, charityTotals } from './charity.projection';

export class GetCharityTotalsQuery extends Query<CharityTotals> {
  constructor(readonly editionId: string) {
    super();
  }
}

export class ExportCharityLedgerQuery extends Query<string> {
  constructor(readonly editionId: string) {
    super();
  }
}

const fundOf = (runner: ProjectionRunner, editionId: string): CharityFund => {
  const fund = runner.state<CharityState>(CHARITY_PROJECTION)[editionId];
  if (!fund) throw new NotFoundError(`edition ${editionId} does not exist`);
  return fund;
};

@QueryHandler(GetCharityTotalsQuery)
export class GetCharityTotalsHandler implements IQueryHandler<GetCharityTotalsQuery, CharityTotals> {
  constructor(private readonly runner: ProjectionRunner) {}

  async execute({ editionId }: GetCharityTotalsQuery): Promise<CharityTotals> {
    return charityTotals(fundOf(this.runner, editionId));
  }
}

/** Read from the log itself, not the read model: the ledger is what the totals are checked against. */
@QueryHandler(ExportCharityLedgerQuery)
export class ExportCharityLedgerHandler implements IQueryHandler<ExportCharityLedgerQuery, string> {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ editionId }: ExportCharityLedgerQuery): Promise<string> {
    fundOf(this.runner, editionId);
    return ledgerCsv(await readCharityLedger(this.store, editionId));
  }
}
