import { Module } from '@nestjs/common';
import { HttpModule } from '../http/http.module';
import { CharityCommandHandler } from './charity.commands';
import { CharityController } from './charity.controller';
import { ExportCharityLedgerHandler, GetCharityTotalsHandler } from './charity.queries';

@Module({
  imports: [HttpModule],
  controllers: [CharityController],
  providers: [CharityCommandHandler, GetCharityTotalsHandler, ExportCharityLedgerHandler],
})
export class CharityModule {}
