import { Agent, request } from 'node:http';

export interface Response {
  status: number;
  body: string;
  /** From just before the request is written to the last byte of the body. */
  ms: number;
}

/** No single request of a benchmark takes this long unless something is broken. */
const REQUEST_TIMEOUT_MS = 120_000;

/**
 * One client of the app on 127.0.0.1 over a pool of kept-alive connections: by default one, so one
 * request at a time, as a page paging through results or a timing box posting its batches; more for a
 * client that sends without waiting for answers (a request finding them all busy waits for one, and
 * that wait is part of its latency). Bodies are serialised before the clock starts and parsed by the
 * caller after it stops, so a latency is the server's, the wire's and the pool's.
 */
export class BenchClient {
  private readonly agent: Agent;
  /** Connections opened so far: a pool that keeps its connections opens no more than its size. */
  connectionsOpened = 0;

  constructor(
    private readonly port: number,
    private readonly headers: Record<string, string> = {},
    { connections = 1 }: { connections?: number } = {},
  ) {
    // First in, first out: every pooled connection is used in turn, so none idles into the server's keep-alive timeout.
    this.agent = new Agent({ keepAlive: true, maxSockets: connections, scheduling: 'fifo' });
  }

  get(path: string): Promise<Response> {
    return this.send('GET', path);
  }

  post(path: string, body: unknown): Promise<Response> {
    return this.send('POST', path, JSON.stringify(body));
  }

  private send(method: string, path: string, payload?: string): Promise<Response> {
    const headers: Record<string, string | number> = { ...this.headers };
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(payload);
    }
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const outgoing = request({ host: '127.0.0.1', port: this.port, method, path, headers, agent: this.agent }, (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => {
          const ms = performance.now() - started;
          const body = Buffer.concat(chunks).toString('utf8');
          const status = incoming.statusCode ?? 0;
          if (status < 200 || status >= 300) reject(new Error(`${method} ${path}: HTTP ${status}: ${body.slice(0, 500)}`));
          else resolve({ status, body, ms });
        });
      });
      outgoing.once('socket', () => {
        if (!outgoing.reusedSocket) this.connectionsOpened++;
      });
      outgoing.setTimeout(REQUEST_TIMEOUT_MS, () => outgoing.destroy(new Error(`${method} ${path}: no answer in ${REQUEST_TIMEOUT_MS} ms`)));
      outgoing.on('error', reject);
      outgoing.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
