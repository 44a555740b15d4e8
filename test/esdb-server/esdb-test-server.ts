import { Server, ServerCredentials } from '@grpc/grpc-js';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { appendHandler, batchAppendHandler } from './append-service';
import { EventLog } from './event-log';
import { readHandler } from './read-service';
import { supportedMethodsHandler } from './server-features';

/**
 * How the client will append, decided by what the server advertises:
 * - 'batch-append': ServerFeatures lists BatchAppend, as EventStoreDB 21.10 and later do;
 * - 'append': no ServerFeatures service (the client tolerates UNIMPLEMENTED and assumes an older
 *   server), so the client falls back to the unary Append call.
 */
export type AppendRoute = 'batch-append' | 'append';

interface Running {
  server: Server;
  /** Aborted when the server stops: ends the calls it is still serving. */
  stopping: AbortController;
}

/**
 * A stand-in for a single EventStoreDB node that speaks its gRPC wire protocol (insecure, on 127.0.0.1),
 * implementing only what EsdbEventStore uses. The log outlives the gRPC server, so `kill()` then
 * `start()` is a node crashing and coming back on the same port with its data.
 */
export class EsdbTestServer {
  private readonly log = new EventLog();
  private running?: Running;
  private port = 0;

  constructor(private readonly appendRoute: AppendRoute = 'batch-append') {}

  get connectionString(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  /** Listens on a free port the first time, on the same port after a stop or kill. */
  async start(): Promise<{ connectionString: string }> {
    if (this.running) throw new Error('the EventStoreDB test server is already running');
    const stopping = new AbortController();
    const server = new Server();
    server.addService(StreamsService, {
      read: readHandler(this.log, stopping.signal),
      append: appendHandler(this.log),
      ...(this.appendRoute === 'batch-append' && { batchAppend: batchAppendHandler(this.log, stopping.signal) }),
    });
    if (this.appendRoute === 'batch-append') {
      server.addService(ServerFeaturesService, { getSupportedMethods: supportedMethodsHandler });
    }
    this.port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`127.0.0.1:${this.port}`, ServerCredentials.createInsecure(), (error, port) =>
        error ? reject(error) : resolve(port),
      ),
    );
    this.running = { server, stopping };
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
