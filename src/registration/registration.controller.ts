import { BadRequestException, Body, Controller, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { EventStore } from '../event-store/event-store';
import { EVENT_STORE } from '../event-store/event-store.module';
import { ProjectionRunner } from '../projections/projection-runner';
import { BulkMode, BulkReport, registerFromCsv } from './bulk-registration';
import { withFeeInMajorUnits } from './register-runner';
import { Roles } from '../auth/roles.guard';
import { CommandContext } from '../decider/command-context';
import { CallerContext } from '../http/caller-context.decorator';
import { CommandSender } from '../http/command-sender';
import { RegisterRunnerCommand } from './registration.commands';
import { RegisterRunnerDto } from './registration.dto';

@ApiTags('registration')
@ApiBearerAuth()
@Controller('editions/:editionId/entries')
export class RegistrationController {
  constructor(
    private readonly commands: CommandSender,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: ProjectionRunner,
  ) {}

  @Post()
  @Roles('organiser')
  @ApiOperation({ summary: 'Register a runner (bib or chip taken: 409; closed registration: 409; under age: 400)' })
  async register(
    @Param('editionId') editionId: string,
    @Body() body: RegisterRunnerDto,
    @CallerContext() context: CommandContext,
  ) {
    const outcome = await this.commands.send(new RegisterRunnerCommand({ ...body, editionId }, context));
    return withFeeInMajorUnits(outcome.events[0]!.data);
  }

  @Post('bulk')
  @HttpCode(200)
  @Roles('organiser')
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'bib,chipId,raceId,firstName,lastName,gender,dateOfBirth,country,club,wave,entryFee' } })
  @ApiQuery({ name: 'mode', enum: ['all-or-nothing', 'valid-rows-only'], required: false })
  @ApiOperation({ summary: 'Register runners from a CSV body: a per-row error report; all-or-nothing (default) or valid rows only' })
  async bulk(
    @Param('editionId') editionId: string,
    @Body() csv: unknown,
    @Query('mode') mode: string | undefined,
    @CallerContext() context: CommandContext,
  ): Promise<BulkReport> {
    if (typeof csv !== 'string' || csv.trim() === '') throw new BadRequestException('send the CSV as the body with Content-Type: text/csv');
    const chosen = (mode ?? 'all-or-nothing') as BulkMode;
    if (!['all-or-nothing', 'valid-rows-only'].includes(chosen)) {
      throw new BadRequestException('mode must be all-or-nothing or valid-rows-only');
    }
    const report = await registerFromCsv(this.store, editionId, csv, chosen, context);
    await this.runner.waitFor(await this.store.headPosition());
    if (report.refused) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: `${report.failed.length} invalid rows: nothing was registered`, ...report });
    return report;
  }
}
