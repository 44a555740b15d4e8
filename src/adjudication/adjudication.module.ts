import { Module } from '@nestjs/common';
import { HttpModule } from '../http/http.module';
import { AdjudicateHandler } from './adjudication.commands';
import { AdjudicationController } from './adjudication.controller';

@Module({
  imports: [HttpModule],
  controllers: [AdjudicationController],
  providers: [AdjudicateHandler],
})
export class AdjudicationModule {}
