import { Body, Controller, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { Roles } from '../auth/roles.guard';
import { formatCsv } from '../csv/csv';
import { CommandContext } from '../decider/command-context';
import { CallerContext } from '../http/caller-context.decorator';
import { toMinorUnits } from '../money/money';
import { RuleViolationError } from '../decider/domain-errors';
import { ProjectionRunner } from '../projections/projection-runner';
import { ReviewQueueReader } from '../timing/review-queue.reader';
import { AwardData, ResultsCertified } from './prize-events';
import { PRIZE_LEDGER_PROJECTION, PrizeLedgersState } from './prize-ledger.projection';
import { PrizeCommand, prizeLedgerDecider } from './prize-ledger';
import { CertifyDto, MoneyMovementDto, PrizeScheduleDto, ReconciliationQueryDto } from './prizes.dto';
import { PrizesService } from './prizes.service';
import { AwardLine, reconcileLedger } from './reconciliation';

const RECONCILIATION_COLUMNS = ['awardId', 'raceId', 'category', 'place', 'bib', 'runner', 'time', 'status', 'currency', 'awarded', 'revoked', 'paid', 'recovered', 'outstanding', 'toRecover', 'resultsPosition'];

@ApiTags('prizes')
@ApiBearerAuth()
@Controller('editions/:editionId')
export class PrizesController {
  constructor(
    private readonly prizes: PrizesService,
    private readonly runner: ProjectionRunner,
    private readonly reviewQueue: ReviewQueueReader,
  ) {}

  private async settled(events: { position: number }) {
    await this.runner.waitFor(events.position);
  }

  private ledger(editionId: string) {
    const edition = this.prizes.edition(editionId);
    const ledger = this.runner.state<PrizeLedgersState>(PRIZE_LEDGER_PROJECTION)[editionId] ?? prizeLedgerDecider.initialState();
    return { ledger, currency: edition.currency };
  }

  @Put('races/:raceId/prize-schedule')
  @Roles('organiser')
  @ApiOperation({ summary: 'Set the prize money of a race: pools per category, gun or net basis, ties and one-prize rules' })
  async schedule(
    @Param('editionId') editionId: string,
    @Param('raceId') raceId: string,
    @Body() body: PrizeScheduleDto,
    @CallerContext() context: CommandContext,
  ) {
    const pools = body.prizes.map((pool) => ({
      category: pool.category,
      amountsMinor: pool.places.map((amount, index) => toMinorUnits(amount, body.currency, `prizes.${pool.category}.places.${index}`)),
    }));
    const data = {
      editionId,
      raceId,
      currency: body.currency,
      basis: body.basis,
      pools,
      onePrizePerRunner: body.onePrizePerRunner ?? true,
      tiedPlaces: body.tiedPlaces ?? ('share' as const),
    };
    const outcome = await this.prizes.setSchedule(data, context);
    await this.settled(outcome);
    return { ...body, editionId, raceId, onePrizePerRunner: data.onePrizePerRunner, tiedPlaces: data.tiedPlaces };
  }

  @Post('races/:raceId/certification')
  @Roles('organiser')
  @ApiOperation({
    summary:
      "Certify a race's results: awards its prizes (PrizeAwarded), each tied to the results that justified it. 409 listing the reads still open for review, unless override: true with a reason",
  })
  async certify(
    @Param('editionId') editionId: string,
    @Param('raceId') raceId: string,
    @Body() body: CertifyDto,
    @CallerContext() context: CommandContext,
  ) {
    if (body.override && !body.reason) throw new RuleViolationError('certifying over open review items needs a reason');
    const open = this.reviewQueue.items(editionId, { raceId, status: 'open' }).map((item) => item.readId);
    const review = { openReviewItems: open, override: body.override === true };
    const outcome = await this.prizes.certify(editionId, raceId, review, { ...context, ...(body.reason && { reason: body.reason }) });
    await this.settled(outcome);
    const [certified, ...awarded] = outcome.events;
    const { ledger, currency } = this.ledger(editionId);
    const awardIds = new Set(awarded.map((event) => (event.data as AwardData).awardId));
    return {
      ...(certified?.data as ResultsCertified['data']),
      awards: reconcileLedger(ledger, currency).awards.filter((line) => awardIds.has(line.awardId)),
    };
  }

  @Get('prizes')
  @Roles('finance', 'organiser')
  @ApiOperation({ summary: 'Prize awards with their status (awarded, partially-paid, paid, revoked)' })
  awards(@Param('editionId') editionId: string): AwardLine[] {
    const { ledger, currency } = this.ledger(editionId);
    return reconcileLedger(ledger, currency).awards;
  }

  @Post('prizes/:awardId/payments')
  @Roles('finance')
  @ApiOperation({ summary: 'Record a (partial) payment of an award; a reused reference is refused (409)' })
  async pay(
    @Param('editionId') editionId: string,
    @Param('awardId') awardId: string,
    @Body() body: MoneyMovementDto,
    @CallerContext() context: CommandContext,
  ) {
    return this.moveMoney(editionId, awardId, body, context, (amountMinor) => ({
      type: 'RecordPayment',
      data: { editionId, awardId, paymentId: randomUUID(), amountMinor, reference: body.reference },
    }));
  }

  @Post('prizes/:awardId/recoveries')
  @Roles('finance')
  @ApiOperation({ summary: 'Record money recovered on a revoked award' })
  async recover(
    @Param('editionId') editionId: string,
    @Param('awardId') awardId: string,
    @Body() body: MoneyMovementDto,
    @CallerContext() context: CommandContext,
  ) {
    return this.moveMoney(editionId, awardId, body, context, (amountMinor) => ({
      type: 'RecordRecovery',
      data: { editionId, awardId, recoveryId: randomUUID(), amountMinor, reference: body.reference },
    }));
  }

  @Get('prizes/reconciliation')
  @Roles('finance', 'organiser')
  @ApiOperation({ summary: 'Per award and in total: awarded, revoked, paid, outstanding, to recover; format=csv to export' })
  reconciliation(@Param('editionId') editionId: string, @Query() query: ReconciliationQueryDto, @Res() response: Response): void {
    const { ledger, currency } = this.ledger(editionId);
    const report = reconcileLedger(ledger, currency);
    if (query.format === 'csv') {
      const totals = { awardId: 'TOTAL', currency, ...report.totals };
      response.type('text/csv').attachment(`prizes-${editionId}.csv`).send(formatCsv(RECONCILIATION_COLUMNS, [...report.awards.map((line) => ({ ...line })), totals]));
    } else {
      response.json({ editionId, currency, awards: report.awards, totals: report.totals });
    }
  }

  /** A payment or a recovery: the amount in minor units of the award's currency, then the award as it now stands. */
  private async moveMoney(
    editionId: string,
    awardId: string,
    body: MoneyMovementDto,
    context: CommandContext,
    command: (amountMinor: number) => PrizeCommand,
  ): Promise<AwardLine> {
    const { currency } = this.ledger(editionId);
    const outcome = await this.prizes.decide(command(toMinorUnits(body.amount, currency)), context);
    await this.settled(outcome);
    const { ledger } = this.ledger(editionId);
    return reconcileLedger(ledger, currency).awards.find((line) => line.awardId === awardId)!;
  }
}
