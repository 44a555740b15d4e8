import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.guard';
import { CommandContext } from '../decider/command-context';
import { CallerContext } from '../http/caller-context.decorator';
import { CommandSender } from '../http/command-sender';
import { RunnerRegistered } from './entry-events';
import { RegisterRunnerCommand } from './registration.commands';
import { RegisterRunnerDto } from './registration.dto';

@ApiTags('registration')
@ApiBearerAuth()
@Controller('editions/:editionId/entries')
export class RegistrationController {
  constructor(private readonly commands: CommandSender) {}

  @Post()
  @Roles('organiser')
  @ApiOperation({ summary: 'Register a runner (bib or chip taken: 409; closed registration: 409; under age: 400)' })
  async register(
    @Param('editionId') editionId: string,
    @Body() body: RegisterRunnerDto,
    @CallerContext() context: CommandContext,
  ): Promise<RunnerRegistered['data']> {
    const outcome = await this.commands.send(new RegisterRunnerCommand({ ...body, editionId }, context));
    return outcome.events[0]!.data;
  }
}
