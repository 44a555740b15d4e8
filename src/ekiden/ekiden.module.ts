import { Module, OnModuleInit } from '@nestjs/common';
import { HttpModule } from '../http/http.module';
import { ProjectionRunner } from '../projections/projection-runner';
import { RegisterTeamHandler } from './ekiden.commands';
import { EkidenController } from './ekiden.controller';
import { ekidenProjection } from './ekiden.projection';

@Module({
  imports: [HttpModule],
  controllers: [EkidenController],
  providers: [RegisterTeamHandler],
})
export class EkidenModule implements OnModuleInit {
  constructor(private readonly runner: ProjectionRunner) {}

  onModuleInit(): void {
    this.runner.register(ekidenProjection);
  }
}
