import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { AdjudicationModule } from './adjudication/adjudication.module';
import { AuthModule } from './auth/auth.module';
import { CharityModule } from './charity/charity.module';
import { AppConfig } from './config';
import { EditionsModule } from './editions/editions.module';
import { EkidenModule } from './ekiden/ekiden.module';
import { EventStoreModule } from './event-store/event-store.module';
import { HealthController } from './health/health.controller';
import { DomainExceptionFilter } from './http/domain-exception.filter';
import { ReadModelsReadyGuard } from './http/read-models-ready.guard';
import { PrizesModule } from './prizes/prizes.module';
import { ProjectionsModule } from './projections/projections.module';
import { RegistrationModule } from './registration/registration.module';
import { ReplayModule } from './replay/replay.module';
import { ResultsModule } from './results/results.module';
import { TimingModule } from './timing/timing.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot(), EventStoreModule.forRoot(config), ProjectionsModule, AuthModule, EditionsModule, RegistrationModule, TimingModule, AdjudicationModule, ResultsModule, EkidenModule, CharityModule, PrizesModule, ReplayModule],
      controllers: [HealthController],
      providers: [
        { provide: APP_FILTER, useClass: DomainExceptionFilter },
        { provide: APP_GUARD, useClass: ReadModelsReadyGuard },
      ],
    };
  }
}
