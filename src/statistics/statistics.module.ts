import { Module } from '@nestjs/common';
import { StatisticsController } from './statistics.controller';
import { GetStatisticsHandler } from './statistics.queries';

/** A view of the results read model (registered by ResultsModule, which imports this one). */
@Module({
  controllers: [StatisticsController],
  providers: [GetStatisticsHandler],
})
export class StatisticsModule {}
