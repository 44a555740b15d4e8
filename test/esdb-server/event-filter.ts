import { ReadReq } from '@eventstore/db-client/generated/streams_pb';
import { LoggedEvent } from './event-log';
import { unsupported } from './wire-messages';

export type EventPredicate = (event: LoggedEvent) => boolean;

/**
 * The server-side $all filter: prefixes of the stream name or of the event type. Checkpoint messages
 * are not sent (the adapter registers no checkpoint handler, so the client would drop them).
 */
export const eventFilter = (options: ReadReq.Options): EventPredicate => {
  const filter = options.getFilter();
  if (options.getFilterOptionCase() !== ReadReq.Options.FilterOptionCase.FILTER || !filter) return () => true;
  const byStream = filter.getFilterCase() === ReadReq.Options.FilterOptions.FilterCase.STREAM_IDENTIFIER;
  const expression = byStream ? filter.getStreamIdentifier() : filter.getEventType();
  if (!expression || expression.getRegex() !== '') throw unsupported('regular-expression filters');
  const prefixes = expression.getPrefixList();
  return (event) => prefixes.some((prefix) => (byStream ? event.streamId : event.type).startsWith(prefix));
};
