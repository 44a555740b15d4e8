import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { NotFoundError } from '../decider/domain-errors';
import { EventStore, RecordedEvent } from '../event-store/event-store';
import { ArchiveManifest, archiveWriter } from './archive-format';

const FLUSH_EVERY_LINES = 1000;

const belongsTo = (event: RecordedEvent, editionId: string): boolean =>
  typeof event.data === 'object' && event.data !== null && (event.data as { editionId?: unknown }).editionId === editionId;

/**
 * Writes every event of an edition's streams to an archive file, in log order. A stream is the edition's
 * when any of its events names the edition (data.editionId); it is taken whole, from revision 0, so an
 * import can append it at its own revisions. The log is read twice (which streams, then their events)
 * up to the position the first pass reached: appends made meanwhile are not half in the archive. The file
 * appears only when complete.
 */
export const exportEdition = async (
  store: EventStore,
  editionId: string,
  file: string,
  onEvent: (position: number) => void = () => undefined,
): Promise<ArchiveManifest> => {
  const streams = new Set<string>();
  let end = -1;
  for await (const event of store.readAll()) {
    if (belongsTo(event, editionId)) streams.add(event.streamId);
    end = event.position;
  }
  if (streams.size === 0) throw new NotFoundError(`edition ${editionId} has no events in this store`);

  const partial = `${file}.partial`;
  const fd = openSync(partial, 'w');
  try {
    const writer = archiveWriter(editionId);
    let pending: string[] = [];
    for await (const event of store.readAll()) {
      if (event.position > end) break;
      onEvent(event.position);
      if (!streams.has(event.streamId)) continue;
      pending.push(writer.line(event));
      if (pending.length >= FLUSH_EVERY_LINES) {
        writeSync(fd, pending.join(''));
        pending = [];
      }
    }
    const { manifest, line } = writer.manifest(new Date().toISOString());
    writeSync(fd, pending.join('') + line);
    closeSync(fd);
    renameSync(partial, file);
    return manifest;
  } catch (error) {
    closeSync(fd);
    rmSync(partial, { force: true });
    throw error;
  }
};
