import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { EsdbEventStore } from '../../src/event-store/esdb/esdb-event-store';
import { eventStoreContract } from './event-store.contract';

/**
 * The contract against a real EventStoreDB: the one named by EVENTSTORE_CONNECTION_STRING, otherwise a
 * throwaway container when a Docker engine is configured. With neither the suite is reported as
 * skipped, with the reason on the console: it must never pass without having run.
 */
const IMAGE = 'eventstore/eventstore:24.10';
const DOCKER_ANSWER_TIMEOUT_MS = 10_000;
const CONTAINER_START_TIMEOUT_MS = 180_000;

const configuredConnection = process.env.EVENTSTORE_CONNECTION_STRING?.trim() || undefined;

/** Decided synchronously (jest collects tests before any hook runs): is there anywhere a Docker engine could listen? */
const dockerEndpointConfigured = (): boolean => {
  const runtimeDir = process.env.XDG_RUNTIME_DIR;
  const sockets = [
    '/var/run/docker.sock',
    join(homedir(), '.docker', 'run', 'docker.sock'),
    ...(runtimeDir ? [join(runtimeDir, 'docker.sock')] : []),
  ];
  return Boolean(process.env.DOCKER_HOST) || sockets.some((socket) => existsSync(socket));
};

const target = configuredConnection ? 'EVENTSTORE_CONNECTION_STRING' : dockerEndpointConfigured() ? IMAGE : undefined;

if (!target) {
  // Straight to stderr: jest swallows console output of a suite whose tests all skip.
  process.stderr.write(
    '\nSKIPPED real-EventStoreDB contract suite: no Docker engine and no EVENTSTORE_CONNECTION_STRING ' +
      '(the adapter still runs the contract over the wire-level test server in esdb-event-store.spec.ts)\n\n',
  );
}

const withTimeout = <T>(promise: Promise<T>, ms: number, message: string): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });

const describeIfAvailable = target ? describe : describe.skip;

describeIfAvailable(`EsdbEventStore against a real EventStoreDB (${target ?? 'none available'})`, () => {
  let connectionString = configuredConnection ?? '';
  let stopContainer: (() => Promise<unknown>) | undefined;

  if (!configuredConnection) {
    beforeAll(async () => {
      const { GenericContainer, getContainerRuntimeClient, Wait } = await import('testcontainers');
      await withTimeout(
        getContainerRuntimeClient(),
        DOCKER_ANSWER_TIMEOUT_MS,
        `a Docker endpoint is configured but no engine answered within ${DOCKER_ANSWER_TIMEOUT_MS} ms`,
      );
      const container = await new GenericContainer(IMAGE)
        .withEnvironment({
          EVENTSTORE_INSECURE: 'true',
          EVENTSTORE_CLUSTER_SIZE: '1',
          EVENTSTORE_MEM_DB: 'true',
          EVENTSTORE_RUN_PROJECTIONS: 'None',
        })
        .withExposedPorts(2113)
        .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCode(204))
        .start();
      connectionString = `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`;
      stopContainer = () => container.stop();
    }, CONTAINER_START_TIMEOUT_MS);
    afterAll(() => stopContainer?.());
  }

  eventStoreContract(async () => new EsdbEventStore(connectionString));
});
