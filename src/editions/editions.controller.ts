import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.guard';
import { CommandContext } from '../decider/command-context';
import { CallerContext } from '../http/caller-context.decorator';
import { CommandSender } from '../http/command-sender';
import { toUtcInstant } from '../time/instant';
import { EditionCommand } from './edition';
import { EditionCommandMessage } from './edition.commands';
import { AddRaceDto, CloseRaceDto, CorrectGunTimeDto, PlanEditionDto, StartRaceDto } from './edition.dto';
import { GetEditionQuery, ListEditionsQuery } from './edition.queries';
import { EditionView } from './editions.projection';

@ApiTags('editions')
@Controller('editions')
export class EditionsController {
  constructor(
    private readonly commands: CommandSender,
    private readonly queries: QueryBus,
  ) {}

  /** Sends the command, then answers with the edition as the read model now shows it. */
  private async decide(command: EditionCommand, context: CommandContext): Promise<EditionView> {
    await this.commands.send(new EditionCommandMessage(command, context));
    return this.queries.execute(new GetEditionQuery(command.data.editionId));
  }

  @Post()
  @Roles('organiser')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Plan an edition (409 if its id is taken)' })
  plan(@Body() body: PlanEditionDto, @CallerContext() context: CommandContext): Promise<EditionView> {
    return this.decide({ type: 'PlanEdition', data: { ...body } }, context);
  }

  @Get()
  @ApiOperation({ summary: 'List the editions, oldest first' })
  list(): Promise<EditionView[]> {
    return this.queries.execute(new ListEditionsQuery());
  }

  @Get(':editionId')
  @ApiOperation({ summary: 'Read an edition with its races and guns' })
  get(@Param('editionId') editionId: string): Promise<EditionView> {
    return this.queries.execute(new GetEditionQuery(editionId));
  }

  @Post(':editionId/races')
  @Roles('organiser')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Add a race: distance, laps, timing points per lap, relay legs, age range, course' })
  addRace(
    @Param('editionId') editionId: string,
    @Body() body: AddRaceDto,
    @CallerContext() context: CommandContext,
  ): Promise<EditionView> {
    return this.decide({ type: 'AddRace', data: { ...body, editionId } }, context);
  }

  @Post(':editionId/registration/close')
  @HttpCode(200)
  @Roles('organiser')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Close registration: later registrations get 409' })
  closeRegistration(@Param('editionId') editionId: string, @CallerContext() context: CommandContext): Promise<EditionView> {
    return this.decide({ type: 'CloseRegistration', data: { editionId, closedAt: context.now } }, context);
  }

  @Post(':editionId/races/:raceId/start')
  @Roles('timing', 'organiser')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Fire the gun for a race or one wave (gun time is official)' })
  start(
    @Param('editionId') editionId: string,
    @Param('raceId') raceId: string,
    @Body() body: StartRaceDto,
    @CallerContext() context: CommandContext,
  ): Promise<EditionView> {
    const gunTime = toUtcInstant(body.gunTime, 'gunTime');
    return this.decide({ type: 'StartRace', data: { editionId, raceId, gunTime, ...(body.wave && { wave: body.wave }) } }, context);
  }

  @Put(':editionId/races/:raceId/start')
  @Roles('timing', 'organiser')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Correct a gun time recorded wrong, with a reason: the race (or wave) is re-timed, a certified race\'s prizes follow' })
  correctGunTime(
    @Param('editionId') editionId: string,
    @Param('raceId') raceId: string,
    @Body() body: CorrectGunTimeDto,
    @CallerContext() context: CommandContext,
  ): Promise<EditionView> {
    const gunTime = toUtcInstant(body.gunTime, 'gunTime');
    const data = { editionId, raceId, gunTime, ...(body.wave && { wave: body.wave }) };
    return this.decide({ type: 'CorrectGunTime', data }, { ...context, reason: body.reason });
  }

  @Post(':editionId/races/:raceId/close')
  @HttpCode(200)
  @Roles('organiser')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Close a race: runners still on the course become DNF, runners never seen DNS' })
  closeRace(
    @Param('editionId') editionId: string,
    @Param('raceId') raceId: string,
    @Body() body: CloseRaceDto,
    @CallerContext() context: CommandContext,
  ): Promise<EditionView> {
    return this.decide({ type: 'CloseRace', data: { editionId, raceId, closedAt: context.now } }, { ...context, ...(body.reason && { reason: body.reason }) });
  }
}
