import { Module } from '@nestjs/common';
import { HttpModule } from '../http/http.module';
import { EditionCommandHandler } from './edition.commands';
import { GetEditionHandler, ListEditionsHandler } from './edition.queries';
import { EditionsController } from './editions.controller';

@Module({
  imports: [HttpModule],
  controllers: [EditionsController],
  providers: [EditionCommandHandler, GetEditionHandler, ListEditionsHandler],
})
export class EditionsModule {}
