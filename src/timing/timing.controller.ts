import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.guard';
import { CommandContext } from '../decider/command-context';
import { ConflictError, NotFoundError } from '../decider/domain-errors';
import { CommandSender } from '../http/command-sender';
import { CallerContext } from '../http/caller-context.decorator';
import { ProjectionRunner } from '../projections/projection-runner';
import { REGISTRATIONS_PROJECTION, RegistrationsState } from '../registration/registrations.projection';
import { nearMissBibs } from './near-miss';
import { ReadOutcome, ReadStatus } from './record-reads';
import { ReviewItem } from './review-queue';
import { ReviewQueueReader } from './review-queue.reader';
import { AdjudicateTimingCommand, DismissUnmatchedCommand, RecordReadsCommand } from './timing.commands';
import { ReviewQueryDto, ReviewReadDto, TimingReadsDto } from './timing.dto';
import { UNMATCHED_READS_PROJECTION, UnmatchedRead, UnmatchedReadsState } from './unmatched-reads.projection';

@ApiTags('timing')
@ApiBearerAuth()
@Controller('editions/:editionId/timing')
export class TimingController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly commands: CommandSender,
    private readonly runner: ProjectionRunner,
    private readonly reviewQueue: ReviewQueueReader,
  ) {}

  @Post('reads')
  @HttpCode(200)
  @Roles('timing')
  @ApiOperation({
    summary: 'Record timing reads (one or thousands): each gets accepted, duplicate, unmatched, flagged or rejected with a reason',
  })
  async record(
    @Param('editionId') editionId: string,
    @Body() body: TimingReadsDto,
    @CallerContext() context: CommandContext,
  ): Promise<{ results: ReadOutcome[]; summary: Record<ReadStatus, number> }> {
    const results = await this.commandBus.execute(new RecordReadsCommand(editionId, body.reads, context));
    const summary: Record<ReadStatus, number> = { accepted: 0, duplicate: 0, unmatched: 0, flagged: 0, rejected: 0 };
    results.forEach((result) => summary[result.status]++);
    return { results: results.map(({ position: _, ...result }) => result), summary };
  }

  @Get('unmatched')
  @Roles('organiser', 'timing')
  @ApiOperation({ summary: 'Reads that matched no runner, each with the registered bibs it may have meant' })
  unmatched(@Param('editionId') editionId: string): (UnmatchedRead & { suggestedBibs: string[] })[] {
    const reads = Object.values(this.runner.state<UnmatchedReadsState>(UNMATCHED_READS_PROJECTION)[editionId] ?? {});
    const registered = this.runner.state<RegistrationsState>(REGISTRATIONS_PROJECTION)[editionId]?.byBib;
    return reads
      .sort((a, b) => a.time.localeCompare(b.time))
      .map((read) => ({ ...read, suggestedBibs: read.bib ? nearMissBibs(read.bib, (bib) => registered?.has(bib) === true) : [] }));
  }

  @Get('review')
  @Roles('organiser', 'timing')
  @ApiOperation({ summary: "Flagged and unmatched reads waiting for an organiser, with their reasons and the runner's other crossings" })
  review(@Param('editionId') editionId: string, @Query() query: ReviewQueryDto): { editionId: string; total: number; items: ReviewItem[] } {
    const items = this.reviewQueue.items(editionId, { ...(query.raceId && { raceId: query.raceId }), status: query.status ?? 'open' });
    return { editionId, total: items.length, items };
  }

  @Post('reads/:readId/review')
  @HttpCode(200)
  @Roles('organiser')
  @ApiOperation({
    summary:
      'Accept (on a lap, if the mat did not say) or dismiss a read held for review; an unmatched read can be dismissed, or assigned at .../timing/unmatched/:readId/assignment',
  })
  async reviewRead(
    @Param('editionId') editionId: string,
    @Param('readId') readId: string,
    @Body() body: ReviewReadDto,
    @CallerContext() context: CommandContext,
  ) {
    const withReason = { ...context, reason: body.reason };
    const held = this.reviewQueue.flagged(editionId, readId);
    if (held) {
      const lap = body.lap !== undefined ? { lap: body.lap } : {};
      const review = { type: 'ReviewRead' as const, editionId, bib: held.bib, readId, decision: body.decision, ...lap };
      const outcome = await this.commands.send(new AdjudicateTimingCommand(review, withReason, body.expectedRevision));
      return { editionId, readId, bib: held.bib, decision: body.decision, revision: outcome.revision, events: outcome.events };
    }
    if (!this.reviewQueue.isUnmatched(editionId, readId)) throw new NotFoundError(`read ${readId} is not waiting for review in ${editionId}`);
    if (body.decision === 'accept') {
      throw new ConflictError(`read ${readId} matched no runner: assign it with POST /editions/${editionId}/timing/unmatched/${readId}/assignment`);
    }
    const outcome = await this.commands.send(new DismissUnmatchedCommand(editionId, readId, withReason, body.expectedRevision));
    return { editionId, readId, bib: null, decision: body.decision, revision: outcome.revision, events: outcome.events };
  }
}
