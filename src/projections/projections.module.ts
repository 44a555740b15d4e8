import { Global, Inject, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { EventBus } from '@nestjs/cqrs';
import { AppConfig } from '../config';
import { APP_CONFIG, EVENT_STORE } from '../event-store/event-store.module';
import { EventStore } from '../event-store/event-store';
import { LogEventFolded } from './log-event-folded';
import { ProjectionRunner } from './projection-runner';
import { readModels } from './read-models';
import { SettledFolds } from './settled-folds';
import { SnapshotStore } from './snapshot-store';

@Global()
@Module({
  providers: [
    {
      provide: SnapshotStore,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        mkdirSync(config.dataDir, { recursive: true });
        return new SnapshotStore(join(config.dataDir, 'read-models.sqlite'));
      },
    },
    {
      provide: ProjectionRunner,
      inject: [EVENT_STORE, SnapshotStore, APP_CONFIG],
      useFactory: (store: EventStore, snapshots: SnapshotStore, config: AppConfig) => {
        const runner = new ProjectionRunner(store, snapshots, config.eventStoreConnectionString ? 'eventstoredb' : 'embedded');
        readModels.forEach((projection) => runner.register(projection));
        return runner;
      },
    },
    { provide: SettledFolds, inject: [EVENT_STORE], useFactory: (store: EventStore) => new SettledFolds(store) },
  ],
  exports: [ProjectionRunner, SettledFolds],
})
export class ProjectionsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(SnapshotStore) private readonly snapshots: SnapshotStore,
    private readonly eventBus: EventBus,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.runner.events$.subscribe((event) => this.eventBus.publish(new LogEventFolded(event)));
    await this.runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    this.snapshots.close();
  }
}
