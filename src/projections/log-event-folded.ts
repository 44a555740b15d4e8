import { IEvent } from '@nestjs/cqrs';
import { RecordedEvent } from '../event-store/event-store';

/** A logged event every projection has folded, published on the Nest event bus for sagas. */
export class LogEventFolded implements IEvent {
  constructor(readonly event: RecordedEvent) {}
}
