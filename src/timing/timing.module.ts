import { Module } from '@nestjs/common';
import { HttpModule } from '../http/http.module';
import { ReviewQueueReader } from './review-queue.reader';
import { AdjudicateTimingHandler, DismissUnmatchedHandler, RecordReadsHandler } from './timing.commands';
import { TimingController } from './timing.controller';

@Module({
  imports: [HttpModule],
  controllers: [TimingController],
  providers: [RecordReadsHandler, AdjudicateTimingHandler, DismissUnmatchedHandler, ReviewQueueReader],
  exports: [ReviewQueueReader],
})
export class TimingModule {}
