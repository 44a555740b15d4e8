import { Module } from '@nestjs/common';
import { HttpModule } from '../http/http.module';
import { RegisterRunnerHandler } from './registration.commands';
import { RegistrationController } from './registration.controller';

@Module({
  imports: [HttpModule],
  controllers: [RegistrationController],
  providers: [RegisterRunnerHandler],
})
export class RegistrationModule {}
