import { Actor } from '../auth/actor';

/** Who sends a command, why, and as part of what: becomes the metadata of every event it appends. */
export interface CommandContext {
  actor: Actor;
  correlationId: string;
  causationId?: string;
  reason?: string;
  /** The business time of the events when the command does not carry its own. */
  now: string;
}
