import { randomUUID } from 'node:crypto';
import { sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import { ClusterInfo, EndPoint, MemberInfo } from '@eventstore/db-client/generated/gossip_pb';
import { Empty, UUID } from '@eventstore/db-client/generated/shared_pb';
import { NodeRole } from './node-rules';

export interface GossipMember {
  host: string;
  port: number;
  role: NodeRole;
  alive: boolean;
}

/** The cluster as this node currently sees it. */
export type GossipView = () => GossipMember[];

/**
 * A member's VNodeState as gossip reports it: during an election no member is Leader or Follower (they
 * are electing: PreLeader / Unknown), which the client's discovery does not accept, so discovery fails
 * until a leader is elected ("Failed to discover after N attempts").
 */
const stateOf = (role: NodeRole): MemberInfo.VNodeState =>
  role === 'leader'
    ? MemberInfo.VNodeState.LEADER
    : role === 'follower'
      ? MemberInfo.VNodeState.FOLLOWER
      : MemberInfo.VNodeState.UNKNOWN;

const instanceIds = new Map<string, string>();
const instanceId = (member: GossipMember) => {
  const key = `${member.host}:${member.port}`;
  return instanceIds.get(key) ?? instanceIds.set(key, randomUUID()).get(key)!;
};

/** Gossip.Read (src/EventStore.Core/Services/Transport/Grpc/Gossip.Read.cs): the members, their state and HTTP endpoint. */
export const gossipReadHandler =
  (view: GossipView) => (_call: ServerUnaryCall<Empty, ClusterInfo>, respond: sendUnaryData<ClusterInfo>) => {
    const members = view().map((member) =>
      new MemberInfo()
        .setInstanceId(new UUID().setString(instanceId(member)))
        .setTimeStamp(String(Date.now() * 10_000))
        .setState(stateOf(member.role))
        .setIsAlive(member.alive)
        .setHttpEndPoint(new EndPoint().setAddress(member.host).setPort(member.port)),
    );
    respond(null, new ClusterInfo().setMembersList(members));
  };
