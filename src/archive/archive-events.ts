import { DomainEvent } from '../decider/decider';
import { EventDefinition } from '../events/event-definition';

export type ArchiveImported = DomainEvent<
  'ArchiveImported',
  {
    editionId: string;
    /** SHA-256 of the archive's event lines, as its manifest states it. */
    sha256: string;
    events: number;
    streams: number;
    types: Record<string, number>;
    exportedAt: string;
  }
>;

export const archiveEventDefinitions: EventDefinition[] = [
  {
    type: 'ArchiveImported',
    version: 1,
    stream: 'archive-<editionId>',
    description:
      'An operator imported an edition archive (npm run archive:import) into this store. The archived events keep their own ids, ' +
      'streams, order and metadata; this event records who brought them in, when, and which archive. Its id derives from the ' +
      'archive hash, so importing the same archive again appends nothing.',
    fields: {
      editionId: 'string',
      sha256: 'string (hex SHA-256 of the archive event lines)',
      events: 'number (events in the archive)',
      streams: 'number (streams in the archive)',
      types: 'Record<string, number> (events per type)',
      exportedAt: 'string (ISO instant the archive was written)',
    },
  },
];
