import { Logger, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AppConfig } from '../config';
import { APP_CONFIG } from '../event-store/event-store.module';
import { RolesGuard } from './roles.guard';
import { TokenAuthenticator } from './token-authenticator';

@Module({
  providers: [
    {
      provide: TokenAuthenticator,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        if (config.apiTokens.length === 0) {
          new Logger('Auth').warn('API_TOKENS is empty: every write will be refused with 401; reads stay public');
        }
        return new TokenAuthenticator(config.apiTokens);
      },
    },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
})
export class AuthModule {}
