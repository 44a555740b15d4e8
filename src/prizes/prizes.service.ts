import { Inject, Injectable, Logger } from '@nestjs/common';
import { CommandContext } from '../decider/command-context';
import { NotFoundError, RuleViolationError } from '../decider/domain-errors';
import { CommandOutcome, foldStream, handleCommand, readStreamOrEmpty } from '../decider/handle-command';
import { EDITIONS_PROJECTION, EditionsState, EditionView } from '../editions/editions.projection';
import { EventStore, streamName } from '../event-store/event-store';
import { EVENT_STORE } from '../event-store/event-store.module';
import { ProjectionRunner } from '../projections/projection-runner';
import { ResultsReader } from '../results/results-reader';
import { computeAwards, DesiredAward } from './awards';
import { PrizeEvent, PrizeScheduleSet } from './prize-events';
import { PrizeCommand, PrizeLedger, prizeLedgerDecider } from './prize-ledger';
import { PRIZE_LEDGER_PROJECTION, PrizeLedgersState } from './prize-ledger.projection';

/** A replay of a whole season's log at start-up takes a while; awards wait for it. */
const CATCH_UP_TIMEOUT_MS = 10 * 60_000;

export const prizesStream = (editionId: string) => streamName('prizes', editionId);

/**
 * Prize money of an edition on one stream, so awards, payments and references are decided together.
 * Awards come from the results read model as it stands at a known log position, which every award
 * names: the money is traceable to the results that justified it.
 */
@Injectable()
export class PrizesService {
  private readonly logger = new Logger(PrizesService.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: ProjectionRunner,
    private readonly results: ResultsReader,
  ) {}

  edition(editionId: string): EditionView {
    const edition = this.runner.state<EditionsState>(EDITIONS_PROJECTION)[editionId];
    if (!edition) throw new NotFoundError(`edition ${editionId} does not exist`);
    return edition;
  }

  decide(command: PrizeCommand, context: CommandContext, expectedRevision?: number): Promise<CommandOutcome<PrizeEvent>> {
    return handleCommand(
      this.store,
      prizesStream(command.data.editionId),
      prizeLedgerDecider,
      command,
      context,
      expectedRevision === undefined ? {} : { expectedRevision },
    );
  }

  async setSchedule(schedule: PrizeScheduleSet['data'], context: CommandContext) {
    const edition = this.edition(schedule.editionId);
    const race = edition.races.find((candidate) => candidate.raceId === schedule.raceId);
    if (!race) throw new NotFoundError(`race ${schedule.raceId} does not exist in edition ${schedule.editionId}`);
    if (race.kind === 'relay') {
      throw new RuleViolationError(`race ${schedule.raceId} is a relay: its prize money is not awarded from individual results`);
    }
    return this.decide({ type: 'SetPrizeSchedule', data: schedule, editionCurrency: edition.currency }, context);
  }

  async certify(editionId: string, raceId: string, review: { openReviewItems: string[]; override: boolean }, context: CommandContext) {
    const { ledger, revision, position } = await this.ledgerAndResults(editionId);
    const awards = this.awardsFor(ledger, editionId, raceId);
    return this.decide(
      { type: 'CertifyResults', data: { editionId, raceId, certifiedAt: context.now, resultsPosition: position }, awards, ...review },
      context,
      revision,
    );
  }

  /** Re-derives the awards of every certified race of the edition; appends only what changed. */
  async reconcile(editionId: string, context: CommandContext): Promise<PrizeEvent[]> {
    const { ledger, revision, position } = await this.ledgerAndResults(editionId);
    const changes: PrizeEvent[] = [];
    let expected = revision;
    for (const raceId of ledger.certified) {
      const awards = this.awardsFor(ledger, editionId, raceId);
      const reason = `results changed after certification (as of log position ${position})`;
      const outcome = await this.decide({ type: 'ReconcileAwards', data: { editionId, raceId, resultsPosition: position, reason }, awards }, context, expected);
      expected = outcome.revision;
      changes.push(...outcome.events);
    }
    if (changes.length > 0) this.logger.log(`edition ${editionId}: ${changes.length} prize changes after certification`);
    return changes;
  }

  /** From the ledger read model: finishes stream in all race day, and most editions have nothing certified to reconcile. */
  hasCertifiedRaces(editionId: string): boolean {
    return (this.runner.state<PrizeLedgersState>(PRIZE_LEDGER_PROJECTION)[editionId]?.certified.length ?? 0) > 0;
  }

  /** Awards are judged only on read models that have folded the whole log. */
  async catchUp(): Promise<void> {
    await this.runner.waitFor(await this.store.headPosition(), CATCH_UP_TIMEOUT_MS);
  }

  private async ledgerAndResults(editionId: string): Promise<{ ledger: PrizeLedger; revision: number; position: number }> {
    this.edition(editionId);
    const history = await readStreamOrEmpty(this.store, prizesStream(editionId));
    return {
      ledger: foldStream(prizeLedgerDecider, history),
      revision: history.length - 1,
      position: this.runner.status().position,
    };
  }

  private awardsFor(ledger: PrizeLedger, editionId: string, raceId: string): DesiredAward[] {
    const race = this.results.race(this.results.current(), editionId, raceId);
    const schedule = ledger.schedules[raceId];
    return schedule ? computeAwards(schedule, this.results.standings(race)) : [];
  }
}
