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
import { HttpErrorFilter } from './http/http-error.filter';
import { ReadModelsReadyGuard } from './http/read-models-ready.guard';
import { OperationsModule } from './operations/operations.module';
import { PrizesModule } from './prizes/prizes.module';
import { ProjectionsModule } from './projections/projections.module';
import { RegistrationModule } from './registration/registration.module';
import { ReplayModule } from './replay/replay.module';
import { ResultsModule } from './results/results.module';
import { SiteModule } from './site/site.module';
import { TimingModule } from './timing/timing.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot(), OperationsModule.forRoot(config), EventStoreModule.forRoot(config), ProjectionsModule, AuthModule, EditionsModule, RegistrationModule, TimingModule, AdjudicationModule, ResultsModule, EkidenModule, CharityModule, PrizesModule, ReplayModule, SiteModule],
      controllers: [HealthController],
      providers: [
        // First, so that the domain filter, registered after it, is tried first (Nest tries the last one first).
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        { provide: APP_FILTER, useClass: DomainExceptionFilter },
        { provide: APP_GUARD, useClass: ReadModelsReadyGuard },
      ],
    };
  }
}
