import { adjudicationEventDefinitions } from '../adjudication/adjudication-events';
import { archiveEventDefinitions } from '../archive/archive-events';
import { charityEventDefinitions } from '../charity/charity-events';
import { editionEventDefinitions } from '../editions/edition-events';
import { prizeEventDefinitions } from '../prizes/prize-events';
import { teamEventDefinitions } from '../ekiden/team-events';
import { registrationEventDefinitions } from '../registration/entry-events';
import { timingEventDefinitions } from '../timing/timing-events';
import { EventDefinition } from './event-definition';

/** Every event type the system appends, at its current schema version. docs/events.md is rendered from it. */
export const eventCatalog: EventDefinition[] = [
  ...editionEventDefinitions,
  ...registrationEventDefinitions,
  ...teamEventDefinitions,
  ...timingEventDefinitions,
  ...adjudicationEventDefinitions,
  ...prizeEventDefinitions,
  ...charityEventDefinitions,
  ...archiveEventDefinitions,
];

const versions = new Map(eventCatalog.map((definition) => [definition.type, definition.version]));

export const schemaVersionOf = (type: string): number => {
  const version = versions.get(type);
  if (version === undefined) throw new Error(`event type ${type} is not in the event catalog`);
  return version;
};

export const renderEventCatalog = (catalog: EventDefinition[] = eventCatalog): string =>
  [
    '# Event catalog',
    '',
    'Generated from `src/events/event-catalog.ts` (`npm run docs:events`); a test fails if this file drifts.',
    'Every event also carries metadata: `actor` {id, role}, `reason` (when the command takes one),',
    '`correlationId`, `causationId`, `occurredAt` (business time), `schemaVersion`; the store adds',
    '`recordedAt`, the stream revision and the global position. A stored event is never edited: a changed',
    'meaning is a new version of its type.',
    '',
    ...catalog.flatMap((definition) => [
      `## ${definition.type} (v${definition.version})`,
      '',
      definition.description,
      '',
      `Stream: \`${definition.stream}\``,
      '',
      '| field | type |',
      '|---|---|',
      ...Object.entries(definition.fields).map(([field, type]) => `| \`${field}\` | ${type.replace(/\|/g, '\\|')} |`),
      '',
    ]),
  ].join('\n');
