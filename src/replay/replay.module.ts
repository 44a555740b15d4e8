import { Module } from '@nestjs/common';
import { TokenAuthenticator } from '../auth/token-authenticator';
import { AppConfig } from '../config';
import { APP_CONFIG } from '../event-store/event-store.module';
import { EditionHistory } from './edition-history';
import { EditionHistoryController } from './edition-history.controller';
import { PrizesModelGuard } from './prizes-model.guard';
import { RebuildJobs } from './rebuild-jobs';
import { RebuildsController } from './rebuilds.controller';

/** Replay inside the running API: rebuilds without a stop, and an edition's read models as they stood. */
@Module({
  controllers: [RebuildsController, EditionHistoryController],
  providers: [
    RebuildJobs,
    EditionHistory,
    PrizesModelGuard,
    // The auth module keeps its authenticator to itself; the prize guard checks the same configured tokens.
    { provide: TokenAuthenticator, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new TokenAuthenticator(config.apiTokens) },
  ],
})
export class ReplayModule {}
