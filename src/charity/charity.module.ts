import { Module, OnModuleInit } from '@nestjs/common';
import { HttpModule } from '../http/http.module';
import { ProjectionRunner } from '../projections/projection-runner';
import { CharityCommandHandler } from './charity.commands';
import { CharityController } from './charity.controller';
import { charityProjection } from './charity.projection';
import { ExportCharityLedgerHandler, GetCharityTotalsHandler } from './charity.queries';

@Module({
  imports: [HttpModule],
  controllers: [CharityController],
  providers: [CharityCommandHandler, GetCharityTotalsHandler, ExportCharityLedgerHandler],
})
export class CharityModule implements OnModuleInit {
  constructor(private readonly runner: ProjectionRunner) {}

  onModuleInit(): void {
    this.runner.register(charityProjection);
  }
}
