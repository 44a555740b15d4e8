import { Module, OnModuleInit } from '@nestjs/common';
import { ProjectionRunner } from '../projections/projection-runner';
import { HttpModule } from '../http/http.module';
import { EditionCommandHandler } from './edition.commands';
import { GetEditionHandler, ListEditionsHandler } from './edition.queries';
import { EditionsController } from './editions.controller';
import { editionsProjection } from './editions.projection';

@Module({
  imports: [HttpModule],
  controllers: [EditionsController],
  providers: [EditionCommandHandler, GetEditionHandler, ListEditionsHandler],
})
export class EditionsModule implements OnModuleInit {
  constructor(private readonly runner: ProjectionRunner) {}

  onModuleInit(): void {
    this.runner.register(editionsProjection);
  }
}
