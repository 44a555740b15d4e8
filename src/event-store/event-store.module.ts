import { DynamicModule, Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '../config';
import { EventStore } from './event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

export const EVENT_STORE = Symbol('EventStore');
export const APP_CONFIG = Symbol('AppConfig');

/**
 * EventStoreDB when a connection string is configured, otherwise the embedded file under DATA_DIR.
 * The gRPC client is loaded only when it is used.
 */
export const openEventStore = async (config: AppConfig): Promise<EventStore> => {
  if (config.eventStoreConnectionString) {
    const { EsdbEventStore } = await import('./esdb/esdb-event-store');
    const store = new EsdbEventStore(config.eventStoreConnectionString);
    // AccessDenied (a secure cluster without credentials, or a user outside $admins/$ops) stops the start here, with what to fix.
    await store.verifyAccess().catch(async (error: unknown) => {
      await store.close();
      throw error;
    });
    return store;
  }
  mkdirSync(config.dataDir, { recursive: true });
  return new SqliteEventStore(join(config.dataDir, 'events.sqlite'));
};

@Global()
@Module({})
export class EventStoreModule implements OnApplicationShutdown {
  private readonly logger = new Logger(EventStoreModule.name);

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        {
          provide: EVENT_STORE,
          useFactory: async () => {
            const store = await openEventStore(config);
            new Logger(EventStoreModule.name).log(
              config.eventStoreConnectionString ? 'event store: EventStoreDB' : `event store: embedded SQLite in ${config.dataDir}`,
            );
            return store;
          },
        },
      ],
      exports: [APP_CONFIG, EVENT_STORE],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    this.logger.log('event store closed');
  }
}
