import { Module } from '@nestjs/common';
import { StatisticsModule } from '../statistics/statistics.module';
import { WatchRaceHandler } from './results-live';
import { ResultsReader } from './results-reader';
import { ResultsController } from './results.controller';
import { ExportResultsHandler, GetEntryCardHandler, GetRaceRecordsHandler, GetResultsHandler } from './results.queries';

/** Statistics read the results model, so they come in with it. */
@Module({
  imports: [StatisticsModule],
  controllers: [ResultsController],
  providers: [ResultsReader, GetResultsHandler, ExportResultsHandler, GetEntryCardHandler, GetRaceRecordsHandler, WatchRaceHandler],
  exports: [ResultsReader],
})
export class ResultsModule {}
