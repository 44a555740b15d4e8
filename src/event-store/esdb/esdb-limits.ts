import { NewEvent } from '../event-store';

/** ClusterVNodeOptions.MaxAppendSize's default (src/EventStore.Core/Configuration/ClusterVNodeOptions.cs). */
export const ESDB_MAX_APPEND_SIZE = 1_024 * 1_024;

/**
 * What one event counts towards MaxAppendSize, as the server counts it (Event.SizeOnDisk: data bytes +
 * metadata bytes + the type's UTF-16 length x 2), for the JSON this adapter sends (toEventData).
 */
export const esdbSizeOnDisk = (event: Pick<NewEvent, 'type' | 'data' | 'metadata'>): number =>
  Buffer.byteLength(JSON.stringify(event.data)) + Buffer.byteLength(JSON.stringify({ ...event.metadata })) + event.type.length * 2;

/** Splits events into consecutive parts each within `limit` bytes (an event alone over it is a part of its own). */
export const splitBySize = <T extends Pick<NewEvent, 'type' | 'data' | 'metadata'>>(events: T[], limit = ESDB_MAX_APPEND_SIZE): T[][] => {
  const parts: T[][] = [];
  let size = 0;
  for (const event of events) {
    const eventSize = esdbSizeOnDisk(event);
    const last = parts[parts.length - 1];
    if (last && size + eventSize <= limit) {
      last.push(event);
      size += eventSize;
    } else {
      parts.push([event]);
      size = eventSize;
    }
  }
  return parts;
};
