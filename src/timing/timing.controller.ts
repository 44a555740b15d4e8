import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.guard';
import { CommandContext } from '../decider/command-context';
import { CallerContext } from '../http/caller-context.decorator';
import { ProjectionRunner } from '../projections/projection-runner';
import { REGISTRATIONS_PROJECTION, RegistrationsState } from '../registration/registrations.projection';
import { nearMissBibs } from './near-miss';
import { ReadOutcome, ReadStatus } from './record-reads';
import { RecordReadsCommand } from './timing.commands';
import { TimingReadsDto } from './timing.dto';
import { UNMATCHED_READS_PROJECTION, UnmatchedRead, UnmatchedReadsState } from './unmatched-reads.projection';

@ApiTags('timing')
@ApiBearerAuth()
@Controller('editions/:editionId/timing')
export class TimingController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly runner: ProjectionRunner,
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
    const registered = this.runner.state<RegistrationsState>(REGISTRATIONS_PROJECTION)[editionId]?.byBib ?? {};
    return reads
      .sort((a, b) => a.time.localeCompare(b.time))
      .map((read) => ({ ...read, suggestedBibs: read.bib ? nearMissBibs(read.bib, (bib) => bib in registered) : [] }));
  }
}
