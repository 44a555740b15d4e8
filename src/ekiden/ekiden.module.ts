import { Module } from '@nestjs/common';
import { HttpModule } from '../http/http.module';
import { RegisterTeamHandler } from './ekiden.commands';
import { EkidenController } from './ekiden.controller';

@Module({
  imports: [HttpModule],
  controllers: [EkidenController],
  providers: [RegisterTeamHandler],
})
export class EkidenModule {}
