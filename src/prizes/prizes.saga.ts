import { Injectable } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler, IEvent, ofType, Saga } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { Observable, auditTime, filter, groupBy, map, mergeMap } from 'rxjs';
import { retryOnConflict } from '../decider/handle-command';
import { LogEventFolded } from '../projections/log-event-folded';
import { PrizeEvent } from './prize-events';
import { PrizesService } from './prizes.service';

/** What can move a place or a category after certification, or change what a place is worth. */
const RESULT_CHANGES = new Set([
  'FinishRecorded',
  'ReadReinterpreted',
  'GunTimeCorrected',
  'TimeCorrected',
  'RunnerDisqualified',
  'DisqualificationRescinded',
  'RunnerStatusDeclared',
  'RunnerDetailsCorrected',
  'PrizeScheduleSet',
]);

/**
 * A burst of corrections is reconciled once, a moment after it starts; a steady stream of finishes
 * (which a pure debounce would wait out for ever) is reconciled at most this often.
 */
const SETTLE_MS = 100;

export class ReconcilePrizesCommand extends Command<PrizeEvent[]> {
  constructor(
    readonly editionId: string,
    /** The event that changed the results: the causation of every prize change it leads to. */
    readonly causationId?: string,
  ) {
    super();
  }
}

/**
 * The process manager from results to money: whenever the results of an edition change after a race
 * was certified, the awards are derived again and only the difference is appended (PrizeRevoked, new
 * PrizeAwarded). It acts only once the read models have caught up with the log's head, so a restart's
 * catch-up never judges awards on half-folded results.
 */
@Injectable()
export class PrizesSaga {
  @Saga()
  resultsChanged = (events$: Observable<IEvent>): Observable<ReconcilePrizesCommand> =>
    events$.pipe(
      ofType(LogEventFolded),
      filter(({ event }) => RESULT_CHANGES.has(event.type)),
      map(({ event }) => ({ editionId: (event.data as { editionId: string }).editionId, causationId: event.id })),
      groupBy(({ editionId }) => editionId),
      mergeMap((edition$) => edition$.pipe(auditTime(SETTLE_MS))),
      map(({ editionId, causationId }) => new ReconcilePrizesCommand(editionId, causationId)),
    );
}

@CommandHandler(ReconcilePrizesCommand)
export class ReconcilePrizesHandler implements ICommandHandler<ReconcilePrizesCommand, PrizeEvent[]> {
  constructor(private readonly prizes: PrizesService) {}

  async execute({ editionId, causationId }: ReconcilePrizesCommand): Promise<PrizeEvent[]> {
    await this.prizes.catchUp();
    if (!this.prizes.hasCertifiedRaces(editionId)) return [];
    // A payment recorded meanwhile moves the ledger on: decide again on it rather than drop the revision.
    return retryOnConflict(() => this.prizes.reconcile(editionId, {
      actor: { id: 'process:prize-awards', role: 'organiser' },
      correlationId: randomUUID(),
      ...(causationId !== undefined && { causationId }),
      reason: 'results changed after certification',
      now: new Date().toISOString(),
    }));
  }
}
