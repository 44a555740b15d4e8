import { Server, ServerCredentials } from '@grpc/grpc-js';
import { GossipService } from '@eventstore/db-client/generated/gossip_grpc_pb';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { appendHandler, batchAppendHandler } from './append-service';
import { EventLog } from './event-log';
import { gossipReadHandler, GossipView } from './gossip-service';
import { DEFAULT_MAX_APPEND_SIZE, DEFAULT_WRITE_TIMEOUT_MS, NodeRole, NodeRules } from './node-rules';
import { readHandler } from './read-service';
import { supportedMethodsHandler } from './server-features';

/**
 * How the client will append, decided by what the server advertises:
 * - 'batch-append': ServerFeatures lists BatchAppend, as EventStoreDB 21.10 and later do;
 * - 'append': no ServerFeatures service (the client tolerates UNIMPLEMENTED and assumes an older
 *   server), so the client falls back to the unary Append call.
 */
export type AppendRoute = 'batch-append' | 'append';

export interface EsdbTestServerOptions {
  appendRoute?: AppendRoute;
  /** MaxAppendSize (default 1 MiB, as ClusterVNodeOptions). */
  maxAppendSize?: number;
  /** WriteTimeoutMs (default 2,000, as ClusterVNodeOptions). */
  writeTimeoutMs?: number;
  /** A secure node refusing the anonymous user (what the client is over an insecure channel). */
  anonymousAccessDenied?: boolean;
  /** A log shared with other nodes (a cluster's replicated log); by default the node's own. */
  log?: EventLog;
  /** The node's place in a cluster and what its gossip reports; by default a single leader. */
  cluster?: { role(): NodeRole; leader(): { host: string; port: number } | undefined; gossip: GossipView };
}

interface Running {
  server: Server;
  /** Aborted when the server stops: ends the calls it is still serving. */
  stopping: AbortController;
}

/**
 * A stand-in for an EventStoreDB node that speaks its gRPC wire protocol (insecure, on 127.0.0.1),
 * implementing only what EsdbEventStore uses, with the node's own rules (MaxAppendSize, write timeout,
 * requiresLeader, the commit check). The log outlives the gRPC server, so `kill()` then `start()` is a
 * node crashing and coming back on the same port with its data and without its in-memory caches.
 */
export class EsdbTestServer {
  readonly log: EventLog;
  private running?: Running;
  private port = 0;
  private commitDelay = 0;
  private readonly appendRoute: AppendRoute;
  private readonly rules: NodeRules;

  constructor(options: AppendRoute | EsdbTestServerOptions = 'batch-append') {
    const settings = typeof options === 'string' ? { appendRoute: options } : options;
    this.appendRoute = settings.appendRoute ?? 'batch-append';
    this.log = settings.log ?? new EventLog();
    const cluster = settings.cluster;
    this.rules = {
      maxAppendSize: settings.maxAppendSize ?? DEFAULT_MAX_APPEND_SIZE,
      writeTimeoutMs: settings.writeTimeoutMs ?? DEFAULT_WRITE_TIMEOUT_MS,
      commitDelayMs: () => this.commitDelay,
      role: () => cluster?.role() ?? 'leader',
      leader: () => (cluster ? cluster.leader() : { host: '127.0.0.1', port: this.port }),
      anonymousAccessDenied: settings.anonymousAccessDenied ?? false,
    };
    this.gossip = cluster?.gossip ?? (() => [{ host: '127.0.0.1', port: this.port, role: 'leader', alive: true }]);
  }

  private readonly gossip: GossipView;

  get connectionString(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  get listeningPort(): number {
    return this.port;
  }

  get isRunning(): boolean {
    return this.running !== undefined;
  }

  /** How long each write takes to commit from now on (0: at once); past the write timeout it answers Timeout. */
  delayCommits(ms: number): void {
    this.commitDelay = ms;
  }

  /** Listens on a free port the first time, on the same port after a stop or kill. */
  async start(): Promise<{ connectionString: string }> {
    if (this.running) throw new Error('the EventStoreDB test server is already running');
    const stopping = new AbortController();
    const server = new Server();
    server.addService(StreamsService, {
      read: readHandler(this.log, stopping.signal, this.rules),
      append: appendHandler(this.log, this.rules),
      ...(this.appendRoute === 'batch-append' && { batchAppend: batchAppendHandler(this.log, stopping.signal, this.rules) }),
    });
    if (this.appendRoute === 'batch-append') {
      server.addService(ServerFeaturesService, { getSupportedMethods: supportedMethodsHandler });
    }
    server.addService(GossipService, { read: gossipReadHandler(this.gossip) });
    this.port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`127.0.0.1:${this.port}`, ServerCredentials.createInsecure(), (error, port) =>
        error ? reject(error) : resolve(port),
      ),
    );
    this.running = { server, stopping };
    // A (re)started node has an empty committed-events cache: `any` is idempotent only within one run.
    this.log.forgetCommittedEvents();
    this.log.writeEpoch();
    return { connectionString: this.connectionString };
  }

  /** A clean shutdown: open calls end with UNAVAILABLE, as when a node is stopped. */
  async stop(): Promise<void> {
    const { server, stopping } = this.takeRunning();
    stopping.abort();
    await new Promise<void>((resolve, reject) => server.tryShutdown((error) => (error ? reject(error) : resolve())));
  }

  /** A crash: connections are torn down mid-call and clients are told nothing. */
  kill(): void {
    const { server, stopping } = this.takeRunning();
    server.forceShutdown();
    stopping.abort();
  }

  private takeRunning(): Running {
    const running = this.running;
    if (!running) throw new Error('the EventStoreDB test server is not running');
    this.running = undefined;
    return running;
  }
}
