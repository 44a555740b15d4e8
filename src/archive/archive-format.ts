import { createHash, Hash } from 'node:crypto';
import { RuleViolationError } from '../decider/domain-errors';
import { EventMetadata, RecordedEvent } from '../event-store/event-store';
import { eventCatalog } from '../events/event-catalog';

/**
 * An edition archive is JSON Lines: one line per event of the edition's streams in log order, then one
 * manifest line with the counts and a SHA-256 over the event lines (each with its newline), so a file
 * changed, truncated or re-encoded after export is refused on import.
 */
export const ARCHIVE_FORMAT = 'race-archive/1';

export interface ArchivedEvent {
  type: string;
  data: unknown;
  metadata: EventMetadata;
  id: string;
  streamId: string;
  revision: number;
  /** When the exporting store recorded it; the importing store records its own time. */
  recordedAt: string;
}

export interface ArchiveManifest {
  format: string;
  editionId: string;
  exportedAt: string;
  events: number;
  streams: number;
  types: Record<string, number>;
  sha256: string;
}

export interface Archive {
  manifest: ArchiveManifest;
  events: ArchivedEvent[];
}

/** Hashes and counts the event lines as they are written, then states them in the manifest. */
export const archiveWriter = (editionId: string) => {
  const hash: Hash = createHash('sha256');
  const types: Record<string, number> = {};
  const streams = new Set<string>();
  let events = 0;
  return {
    line(event: RecordedEvent): string {
      const { type, data, metadata, id, streamId, revision, recordedAt } = event;
      const line = `${JSON.stringify({ type, data, metadata, id, streamId, revision, recordedAt })}\n`;
      hash.update(line);
      types[type] = (types[type] ?? 0) + 1;
      streams.add(streamId);
      events++;
      return line;
    },
    manifest(exportedAt: string): { manifest: ArchiveManifest; line: string } {
      const sorted = Object.fromEntries(Object.entries(types).sort(([a], [b]) => a.localeCompare(b)));
      const manifest = { format: ARCHIVE_FORMAT, editionId, exportedAt, events, streams: streams.size, types: sorted, sha256: hash.digest('hex') };
      return { manifest, line: `${JSON.stringify({ manifest })}\n` };
    },
  };
};

const MAX_PROBLEMS_SHOWN = 20;

const refuse = (problems: string[]): never => {
  const shown = problems.slice(0, MAX_PROBLEMS_SHOWN).map((problem) => `  - ${problem}`);
  if (problems.length > MAX_PROBLEMS_SHOWN) shown.push(`  - ... and ${problems.length - MAX_PROBLEMS_SHOWN} more`);
  throw new RuleViolationError(`the archive is not valid; nothing was imported:\n${shown.join('\n')}`);
};

const parseLine = (text: string, line: number, problems: string[]): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    problems.push(`line ${line} is not JSON`);
    return undefined;
  }
};

const catalogVersions = new Map(eventCatalog.map((definition) => [definition.type, definition.version]));

/** The problems of one event line: its shape, and whether this version of the system knows its type and schema. */
const eventProblems = (value: unknown, line: number): string[] => {
  const event = value as Partial<ArchivedEvent> | null;
  if (typeof event !== 'object' || event === null) return [`line ${line} is not an event object`];
  const problems: string[] = [];
  for (const field of ['type', 'id', 'streamId', 'recordedAt'] as const) {
    if (typeof event[field] !== 'string' || event[field] === '') problems.push(`line ${line}: ${field} must be a non-empty string`);
  }
  if (!Number.isSafeInteger(event.revision) || event.revision! < 0) problems.push(`line ${line}: revision must be a whole number`);
  if (!('data' in event)) problems.push(`line ${line}: data is missing`);
  const schemaVersion = event.metadata?.schemaVersion;
  if (typeof event.metadata !== 'object' || event.metadata === null || !Number.isSafeInteger(schemaVersion)) {
    problems.push(`line ${line}: metadata with a schemaVersion is missing`);
  } else if (typeof event.type === 'string') {
    const known = catalogVersions.get(event.type);
    if (known === undefined) problems.push(`line ${line}: event type ${event.type} is not in this system's event catalog`);
    else if (schemaVersion! > known) problems.push(`line ${line}: ${event.type} v${schemaVersion} is newer than this system's v${known}`);
  }
  return problems;
};

/** Every event of a stream from revision 0 up, once, in order: what appending them at their own revisions needs. */
const streamProblems = (events: ArchivedEvent[]): string[] => {
  const problems: string[] = [];
  const next = new Map<string, number>();
  const ids = new Set<string>();
  events.forEach((event, index) => {
    const expected = next.get(event.streamId) ?? 0;
    if (event.revision !== expected) problems.push(`line ${index + 1}: ${event.streamId} revision ${event.revision} where ${expected} was due`);
    next.set(event.streamId, event.revision + 1);
    if (ids.has(event.id)) problems.push(`line ${index + 1}: event id ${event.id} appears twice`);
    ids.add(event.id);
  });
  return problems;
};

const hashProblems = (manifest: ArchiveManifest, lines: string[]): string[] => {
  const problems: string[] = [];
  if (manifest.format !== ARCHIVE_FORMAT) problems.push(`the manifest's format is ${manifest.format}, this system reads ${ARCHIVE_FORMAT}`);
  const hash = createHash('sha256');
  lines.forEach((line) => hash.update(`${line}\n`));
  const sha256 = hash.digest('hex');
  if (sha256 !== manifest.sha256) {
    problems.push(`the event lines hash to ${sha256} but the manifest says ${manifest.sha256}: the file was changed or truncated after export`);
  }
  return problems;
};

const countProblems = (manifest: ArchiveManifest, events: ArchivedEvent[]): string[] => {
  const problems: string[] = [];
  if (events.length !== manifest.events) problems.push(`the archive holds ${events.length} events, the manifest says ${manifest.events}`);
  const streams = new Set(events.map((event) => event.streamId)).size;
  if (streams !== manifest.streams) problems.push(`the archive holds ${streams} streams, the manifest says ${manifest.streams}`);
  const types: Record<string, number> = {};
  events.forEach((event) => (types[event.type] = (types[event.type] ?? 0) + 1));
  for (const type of new Set([...Object.keys(types), ...Object.keys(manifest.types ?? {})])) {
    const stated = manifest.types?.[type];
    if (types[type] !== stated) problems.push(`the archive holds ${types[type] ?? 0} ${type}, the manifest says ${stated ?? 0}`);
  }
  return problems;
};

/** Parses and checks an archive: hash, counts, event shapes, known types, and whole streams in order. */
export const readArchive = (text: string): Archive => {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const last = lines.pop();
  const problems: string[] = [];
  const parsed = last === undefined ? undefined : (parseLine(last, lines.length + 1, problems) as { manifest?: ArchiveManifest } | undefined);
  const manifest = parsed?.manifest;
  if (!manifest || typeof manifest !== 'object') {
    return refuse([...problems, 'the last line is not the archive manifest: the file is empty, truncated or not an archive']);
  }
  const events = lines.map((line, index) => {
    const event = parseLine(line, index + 1, problems);
    if (event !== undefined) problems.push(...eventProblems(event, index + 1));
    return event as ArchivedEvent;
  });
  const wellFormed = problems.length === 0;
  problems.push(...hashProblems(manifest, lines));
  if (wellFormed) problems.push(...countProblems(manifest, events), ...streamProblems(events));
  if (problems.length > 0) refuse(problems);
  return { manifest, events };
};
