import { Module } from '@nestjs/common';
import { CommandSender } from './command-sender';

@Module({
  providers: [CommandSender],
  exports: [CommandSender],
})
export class HttpModule {}
