import { Module, OnModuleInit } from '@nestjs/common';
import { HttpModule } from '../http/http.module';
import { ProjectionRunner } from '../projections/projection-runner';
import { RegisterRunnerHandler } from './registration.commands';
import { RegistrationController } from './registration.controller';
import { registrationsProjection } from './registrations.projection';

@Module({
  imports: [HttpModule],
  controllers: [RegistrationController],
  providers: [RegisterRunnerHandler],
})
export class RegistrationModule implements OnModuleInit {
  constructor(private readonly runner: ProjectionRunner) {}

  onModuleInit(): void {
    this.runner.register(registrationsProjection);
  }
}
