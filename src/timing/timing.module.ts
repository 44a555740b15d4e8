import { Module, OnModuleInit } from '@nestjs/common';
import { ProjectionRunner } from '../projections/projection-runner';
import { RecordReadsHandler } from './timing.commands';
import { TimingController } from './timing.controller';
import { unmatchedReadsProjection } from './unmatched-reads.projection';

@Module({
  controllers: [TimingController],
  providers: [RecordReadsHandler],
})
export class TimingModule implements OnModuleInit {
  constructor(private readonly runner: ProjectionRunner) {}

  onModuleInit(): void {
    this.runner.register(unmatchedReadsProjection);
  }
}
