import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.guard';
import { CommandContext } from '../decider/command-context';
import { CallerContext } from '../http/caller-context.decorator';
import { RebuildJob, RebuildJobs } from './rebuild-jobs';
import { RebuildRequestDto } from './rebuilds.dto';

@ApiTags('replay')
@ApiBearerAuth()
@Controller('replay/rebuilds')
export class RebuildsController {
  constructor(private readonly jobs: RebuildJobs) {}

  @Post()
  @HttpCode(202)
  @Roles('organiser')
  @ApiOperation({
    summary: 'Rebuild read models from zero in the background while the API serves the old ones; each is swapped in once caught up',
  })
  start(@Body() body: RebuildRequestDto, @CallerContext() context: CommandContext): RebuildJob {
    return this.jobs.start(body.projections ?? [], context.actor, context.now);
  }

  @Get(':rebuildId')
  @Roles('organiser')
  @ApiOperation({ summary: 'Progress of a rebuild: per read model queued, rebuilding (events folded, position), swapped or failed' })
  progress(@Param('rebuildId') rebuildId: string): RebuildJob {
    return this.jobs.get(rebuildId);
  }
}
