import { Metadata } from '@grpc/grpc-js';
import { accessDenied, notLeader, serverNotReady } from './wire-messages';

/** ClusterVNodeOptions defaults (src/EventStore.Core/Configuration/ClusterVNodeOptions.cs). */
export const DEFAULT_MAX_APPEND_SIZE = 1_024 * 1_024;
export const DEFAULT_WRITE_TIMEOUT_MS = 2_000;

export type NodeRole = 'leader' | 'follower' | 'electing';

/** What a node decides per request beyond the log's own rules: its limits, clock and place in the cluster. */
export interface NodeRules {
  /** MaxAppendSize: bytes of one append, counted as Event.SizeOnDisk. */
  readonly maxAppendSize: number;
  /** WriteTimeoutMs: how long a write may take to commit before the node answers Timeout. */
  readonly writeTimeoutMs: number;
  /** How long a write takes to commit on this node now (a slow disk, a lagging quorum); 0 by default. */
  commitDelayMs(): number;
  role(): NodeRole;
  /** The leader's endpoint a follower names in NotLeader; undefined while there is none. */
  leader(): { host: string; port: number } | undefined;
  /**
   * A secure node (23.10+) refuses anonymous users; over the test server's insecure channel the client
   * sends no credentials, so such a node answers every request AccessDenied.
   */
  readonly anonymousAccessDenied: boolean;
}

export const requiresLeader = (metadata: Metadata): boolean => metadata.get('requires-leader')[0] === 'true';

/**
 * What a node does with a request before serving it (Streams.GetRequiresLeader and the NotHandled
 * answers, RpcExceptions.TryHandleNotHandled): during an election nothing that needs a leader is served
 * (NotReady); a follower refuses a request that requires the leader with NotLeader and the leader's
 * endpoint; a write without requiresLeader is forwarded by a follower to the leader.
 */
export const refusalOf = (rules: NodeRules, metadata: Metadata, isWrite: boolean): Error | undefined => {
  if (rules.anonymousAccessDenied) return accessDenied();
  const role = rules.role();
  if (role === 'leader') return undefined;
  if (role === 'electing') return isWrite || requiresLeader(metadata) ? serverNotReady() : undefined;
  if (!requiresLeader(metadata)) return undefined;
  const leader = rules.leader();
  return leader ? notLeader(leader.host, leader.port) : serverNotReady();
};
