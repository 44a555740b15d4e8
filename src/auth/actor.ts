import { Role } from '../config';

/** The authenticated caller; every event's metadata names it. The public never writes, so has no actor. */
export interface Actor {
  id: string;
  role: Role;
}
