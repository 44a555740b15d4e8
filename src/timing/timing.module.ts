import { Module } from '@nestjs/common';
import { RecordReadsHandler } from './timing.commands';
import { TimingController } from './timing.controller';

@Module({
  controllers: [TimingController],
  providers: [RecordReadsHandler],
})
export class TimingModule {}
