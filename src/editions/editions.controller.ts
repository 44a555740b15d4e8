import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.guard';
import { CommandContext } from '../decider/command-context';
import { CallerContext } from '../http/caller-context.decorator';
import { CommandSender } from '../http/command-sender';
import { AddRaceCommand, PlanEditionCommand } from './edition.commands';
import { AddRaceDto, PlanEditionDto } from './edition.dto';
import { GetEditionQuery, ListEditionsQuery } from './edition.queries';
import { EditionView } from './editions.projection';

@ApiTags('editions')
@Controller('editions')
export class EditionsController {
  constructor(
    private readonly commands: CommandSender,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('organiser')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Plan an edition (409 if its id is taken)' })
  async plan(@Body() body: PlanEditionDto, @CallerContext() context: CommandContext): Promise<EditionView> {
    await this.commands.send(new PlanEditionCommand({ ...body }, context));
    return this.queries.execute(new GetEditionQuery(body.editionId));
  }

  @Get()
  @ApiOperation({ summary: 'List the editions, oldest first' })
  list(): Promise<EditionView[]> {
    return this.queries.execute(new ListEditionsQuery());
  }

  @Get(':editionId')
  @ApiOperation({ summary: 'Read an edition with its races' })
  get(@Param('editionId') editionId: string): Promise<EditionView> {
    return this.queries.execute(new GetEditionQuery(editionId));
  }

  @Post(':editionId/races')
  @Roles('organiser')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Add a race: distance, laps, timing points per lap, relay legs' })
  async addRace(
    @Param('editionId') editionId: string,
    @Body() body: AddRaceDto,
    @CallerContext() context: CommandContext,
  ): Promise<EditionView> {
    await this.commands.send(new AddRaceCommand({ ...body, editionId }, context));
    return this.queries.execute(new GetEditionQuery(editionId));
  }
}
