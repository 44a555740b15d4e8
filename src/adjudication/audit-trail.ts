import { readStreamOrEmpty } from '../decider/handle-command';
import { EventStore, RecordedEvent } from '../event-store/event-store';
import { entryStream } from '../registration/register-runner';

export interface AuditFilter {
  editionId: string;
  bib?: string;
  raceId?: string;
  /** An actor id, or a role: every actor of that role. */
  actor?: string;
  types?: string[];
  /** Recorded-time range, inclusive (ISO instants). */
  from?: string;
  to?: string;
}

export interface AuditEntry {
  position: number;
  recordedAt: string;
  occurredAt: string;
  type: string;
  schemaVersion: number;
  streamId: string;
  bib?: string;
  raceId?: string;
  actor: { id: string; role: string };
  reason?: string;
  correlationId: string;
  causationId?: string;
  /** For a correction: the value before and after. */
  change?: { before: unknown; after: unknown };
  data: unknown;
}

type EventData = { editionId?: string; bib?: string; raceId?: string };

const changeOf = (event: RecordedEvent): AuditEntry['change'] => {
  const data = event.data as Record<string, unknown>;
  if (event.type === 'TimeCorrected') {
    return { before: data.previousTime ?? null, after: data.time };
  }
  if (event.type === 'RunnerDetailsCorrected') return { before: data.before, after: data.after };
  if (event.type === 'GunTimeCorrected') return { before: data.previousGunTime, after: data.gunTime };
  return undefined;
};

const toEntry = (event: RecordedEvent, raceOfBib: (bib: string) => string | undefined): AuditEntry => {
  const data = event.data as EventData;
  const raceId = data.raceId ?? (data.bib !== undefined ? raceOfBib(data.bib) : undefined);
  const change = changeOf(event);
  const { actor, reason, correlationId, causationId, occurredAt, schemaVersion } = event.metadata;
  return {
    position: event.position,
    recordedAt: event.recordedAt,
    occurredAt,
    type: event.type,
    schemaVersion,
    streamId: event.streamId,
    ...(data.bib !== undefined && { bib: data.bib }),
    ...(raceId !== undefined && { raceId }),
    actor,
    ...(reason !== undefined && { reason }),
    correlationId,
    ...(causationId !== undefined && { causationId }),
    ...(change && { change }),
    data: event.data,
  };
};

/**
 * The audit trail is the log itself: every event of the edition with who, when, why and what caused
 * it. A runner's trail is their entry stream; anything wider is a pass over the global log (the store
 * filters it), so no copy of the log has to be kept in step beside it.
 */
export const auditTrail = async (
  store: EventStore,
  filter: AuditFilter,
  raceOfBib: (bib: string) => string | undefined,
): Promise<AuditEntry[]> => {
  const matches = (entry: AuditEntry) =>
    (filter.bib === undefined || entry.bib === filter.bib) &&
    (filter.raceId === undefined || entry.raceId === filter.raceId) &&
    (filter.actor === undefined || entry.actor.id === filter.actor || entry.actor.role === filter.actor) &&
    (filter.types === undefined || filter.types.includes(entry.type)) &&
    (filter.from === undefined || entry.recordedAt >= filter.from) &&
    (filter.to === undefined || entry.recordedAt <= filter.to);

  const events: AsyncIterable<RecordedEvent> | RecordedEvent[] =
    filter.bib !== undefined
      ? await readStreamOrEmpty(store, entryStream(filter.editionId, filter.bib))
      : store.readAll(filter.types ? { filter: { eventTypes: filter.types } } : {});
  const trail: AuditEntry[] = [];
  for await (const event of events) {
    if ((event.data as EventData).editionId !== filter.editionId) continue;
    const entry = toEntry(event, raceOfBib);
    if (matches(entry)) trail.push(entry);
  }
  return trail;
};
