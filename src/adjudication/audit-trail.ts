import { readStreamOrEmpty } from '../decider/handle-command';
import { EventStore, RecordedEvent } from '../event-store/event-store';
import { eventCatalog } from '../events/event-catalog';
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

/** A page of the trail: `next` is the position to pass as `after` for the next page, null at the end. */
export interface AuditPage {
  entries: AuditEntry[];
  next: number | null;
}

export const AUDIT_PAGE_DEFAULT = 100;
export const AUDIT_PAGE_MAX = 1000;
/**
 * At most this many of the edition's events are read for one page: a filter the store cannot apply
 * (race, actor, time range) may match few of them, and a page must not cost a pass over the whole log.
 * A page that stops here may hold fewer entries than asked for, and still a `next`.
 */
export const AUDIT_SCAN_BUDGET = 50_000;

/**
 * The prefixes of every stream of an edition, from the stream names of the event catalog
 * (`entry-<editionId>-<bib>` -> `entry-almaty-2018-`), so that the store skips other editions' events.
 * A prefix also matches a longer edition id (`almaty-2018-b`): the events' editionId decides.
 */
const editionStreamPrefixes = (editionId: string): string[] => [
  ...new Set(
    eventCatalog.map(({ stream }) => {
      const at = stream.indexOf('<editionId>');
      if (at === -1) return stream.split('<')[0]!;
      const after = stream.slice(at + '<editionId>'.length);
      return `${stream.slice(0, at)}${editionId}${after.split('<')[0]}`;
    }),
  ),
];

/**
 * The audit trail is the log itself: every event of the edition with who, when, why and what caused
 * it, in log order, a page at a time from a log position on. A runner's trail is their entry stream;
 * anything wider is read from the global log, filtered by the store to the edition's streams (and event
 * types), from `after` on and no further than the page needs, so no copy of the log has to be kept in
 * step beside it and no request reads the whole of it.
 */
export const auditPage = async (
  store: EventStore,
  filter: AuditFilter,
  raceOfBib: (bib: string) => string | undefined,
  page: { after?: number; limit: number },
): Promise<AuditPage> => {
  const matches = (entry: AuditEntry) =>
    (filter.bib === undefined || entry.bib === filter.bib) &&
    (filter.raceId === undefined || entry.raceId === filter.raceId) &&
    (filter.actor === undefined || entry.actor.id === filter.actor || entry.actor.role === filter.actor) &&
    (filter.types === undefined || filter.types.includes(entry.type)) &&
    (filter.from === undefined || entry.recordedAt >= filter.from) &&
    (filter.to === undefined || entry.recordedAt <= filter.to);

  const after = page.after ?? -1;
  const events: AsyncIterable<RecordedEvent> | RecordedEvent[] =
    filter.bib !== undefined
      ? (await readStreamOrEmpty(store, entryStream(filter.editionId, filter.bib))).filter((event) => event.position > after)
      : store.readAll({
          ...(page.after !== undefined && { after: page.after }),
          filter: { streamPrefixes: editionStreamPrefixes(filter.editionId), ...(filter.types && { eventTypes: filter.types }) },
          maxCount: AUDIT_SCAN_BUDGET,
        });
  const entries: AuditEntry[] = [];
  let scanned = 0;
  let lastScanned: number | undefined;
  // One entry more than the page, to know whether there is a next page without reading on.
  for await (const event of events) {
    scanned += 1;
    lastScanned = event.position;
    if ((event.data as EventData).editionId === filter.editionId) {
      const entry = toEntry(event, raceOfBib);
      if (matches(entry)) {
        if (entries.length === page.limit) return { entries, next: entries[entries.length - 1]!.position };
        entries.push(entry);
      }
    }
    if (scanned === AUDIT_SCAN_BUDGET && filter.bib === undefined) return { entries, next: lastScanned };
  }
  return { entries, next: null };
};

/** Every page from `after` on, for an export that streams them all. */
export async function* auditPages(
  store: EventStore,
  filter: AuditFilter,
  raceOfBib: (bib: string) => string | undefined,
  after?: number,
): AsyncIterable<AuditEntry[]> {
  let next: number | null | undefined = after;
  do {
    const page = await auditPage(store, filter, raceOfBib, { ...(next !== undefined && { after: next }), limit: AUDIT_PAGE_MAX });
    yield page.entries;
    next = page.next;
  } while (next !== null);
}
