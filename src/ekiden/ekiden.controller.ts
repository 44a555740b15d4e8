import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.guard';
import { CommandContext } from '../decider/command-context';
import { NotFoundError } from '../decider/domain-errors';
import { CallerContext } from '../http/caller-context.decorator';
import { CommandSender } from '../http/command-sender';
import { ProjectionRunner } from '../projections/projection-runner';
import { withFeeInMajorUnits } from '../registration/register-runner';
import { EKIDEN_PROJECTION, EkidenState } from './ekiden.projection';
import { RegisterTeamCommand } from './ekiden.commands';
import { RegisterTeamDto, StandingsQueryDto } from './ekiden.dto';
import { FastestLeg, relayStandings, TeamStanding } from './standings';

@ApiTags('ekiden')
@Controller('editions/:editionId/ekiden')
export class EkidenController {
  constructor(
    private readonly commands: CommandSender,
    private readonly runner: ProjectionRunner,
  ) {}

  @Post('teams')
  @Roles('organiser')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Register a relay team: one bib and sash chip, a runner for every leg' })
  async register(
    @Param('editionId') editionId: string,
    @Body() body: RegisterTeamDto,
    @CallerContext() context: CommandContext,
  ) {
    const outcome = await this.commands.send(new RegisterTeamCommand({ ...body, editionId }, context));
    return withFeeInMajorUnits(outcome.events[0]!.data);
  }

  @Get('standings')
  @ApiOperation({ summary: 'Team standings: team time, place overall and per category, leg times and ranks, fastest legs' })
  standings(
    @Param('editionId') editionId: string,
    @Query() query: StandingsQueryDto,
  ): { editionId: string; raceId: string; gunTime: string | null; rows: TeamStanding[]; fastestLegs: FastestLeg[] } {
    const races = this.runner.state<EkidenState>(EKIDEN_PROJECTION)[editionId] ?? {};
    const race = query.raceId ? races[query.raceId] : Object.values(races)[0];
    if (!race) throw new NotFoundError(`edition ${editionId} has no relay race${query.raceId ? ` ${query.raceId}` : ''}`);
    const { rows, fastestLegs } = relayStandings(race);
    return {
      editionId,
      raceId: race.raceId,
      gunTime: race.gunTime ?? null,
      rows: query.category ? rows.filter((row) => row.category === query.category) : rows,
      fastestLegs,
    };
  }
}
