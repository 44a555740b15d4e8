import { EventLog } from './event-log';
import { EsdbTestServer, EsdbTestServerOptions } from './esdb-test-server';
import { NodeRole } from './node-rules';

/**
 * Three test nodes over one replicated log, with a leader, gossip and elections. What it models of a
 * real cluster: exactly one leader at a time, followers that refuse requiresLeader with NotLeader and the
 * leader's endpoint, an election after the leader dies during which no node is leader (gossip reports
 * none, writes answer NotReady), then a new leader. It does not model replication lag, quorum loss or
 * truncation of a deposed leader's uncommitted writes: the log is shared and always consistent.
 */
export class EsdbTestCluster {
  readonly log = new EventLog();
  readonly nodes: EsdbTestServer[];
  private leaderIndex: number | undefined = 0;
  private electionTimer?: NodeJS.Timeout;

  constructor(options: Omit<EsdbTestServerOptions, 'log' | 'cluster'> = {}, size = 3) {
    this.nodes = Array.from({ length: size }, (_, index) => {
      const node: EsdbTestServer = new EsdbTestServer({
        ...options,
        log: this.log,
        cluster: {
          role: () => this.roleOf(index),
          leader: () => (this.leaderIndex === undefined ? undefined : { host: '127.0.0.1', port: this.nodes[this.leaderIndex]!.listeningPort }),
          gossip: () =>
            this.nodes.map((other, at) => ({ host: '127.0.0.1', port: other.listeningPort, role: this.roleOf(at), alive: other.isRunning })),
        },
      });
      return node;
    });
  }

  async start(): Promise<void> {
    for (const node of this.nodes) await node.start();
  }

  async stop(): Promise<void> {
    clearTimeout(this.electionTimer);
    await Promise.all(this.nodes.filter((node) => node.isRunning).map((node) => node.stop()));
  }

  /** Every node as a gossip seed, discovering the leader; short discovery so tests see its failure quickly. */
  get connectionString(): string {
    const hosts = this.nodes.map((node) => `127.0.0.1:${node.listeningPort}`).join(',');
    return `esdb://${hosts}?tls=false&nodePreference=leader&maxDiscoverAttempts=3&discoveryInterval=50&gossipTimeout=1`;
  }

  get leader(): EsdbTestServer | undefined {
    return this.leaderIndex === undefined ? undefined : this.nodes[this.leaderIndex];
  }

  private roleOf(index: number): NodeRole {
    if (!this.nodes[index]?.isRunning) return 'follower';
    if (this.leaderIndex === undefined) return 'electing';
    return index === this.leaderIndex ? 'leader' : 'follower';
  }

  /** The leader crashes; the others hold an election for `electionMs` with no leader, then `next` leads. */
  killLeader(electionMs: number, next?: number): void {
    const dead = this.leaderIndex;
    if (dead === undefined) throw new Error('no leader to kill');
    this.nodes[dead]!.kill();
    this.leaderIndex = undefined;
    const successor = next ?? this.nodes.findIndex((node, at) => at !== dead && node.isRunning);
    this.electionTimer = setTimeout(() => (this.leaderIndex = successor), electionMs);
  }

  /** A leader change without a crash (a resignation): the old leader goes on as a follower. */
  moveLeadership(to: number): void {
    this.leaderIndex = to;
  }

  async whenLeaderElected(): Promise<void> {
    while (this.leaderIndex === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
