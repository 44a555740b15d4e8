import { RecordedEvent } from '../event-store/event-store';

/** What the public sees of an entry's history: what happened and when. Who and why is the audit trail's, behind a token. */
export interface EntryHistoryItem {
  type: string;
  recordedAt: string;
  occurredAt: string;
  position: number;
  /** The read it is about, for timing events. */
  readId?: string;
  /** What happened, in plain words (never the organiser's private reason). */
  summary: string;
}

type Data = Record<string, unknown> & { readId?: string; pointId?: string; lap?: number; time?: string };

const mat = (data: Data) => `${data.pointId}${data.lap !== undefined ? ` lap ${data.lap}` : ''}`;

const summaryOf = (type: string, data: Data): string => {
  switch (type) {
    case 'RunnerRegistered':
    case 'TeamRegistered':
      return `registered for ${String(data.raceId)} with bib ${String(data.bib)}`;
    case 'ReadRecorded':
      return `read at ${mat(data)} at ${data.time}`;
    case 'SplitRecorded':
      return `counted as ${mat(data)}`;
    case 'FinishRecorded':
      return `counted as the finish (${mat(data)})`;
    case 'ReadFlagged':
      return `held for review: ${(data.reasons as string[]).join('; ')}`;
    case 'ReadReinterpreted':
      return String(data.reason);
    case 'ReadReviewed':
      return data.decision === 'accept' ? `accepted by an organiser${data.lap !== undefined ? ` as lap ${data.lap}` : ''}` : 'dismissed by an organiser';
    case 'TimeCorrected':
      return data.previousTime ? `${mat(data)} corrected from ${data.previousTime} to ${data.time}` : `${mat(data)} added at ${data.time}`;
    case 'RunnerDetailsCorrected':
      return `details corrected: ${Object.keys(data.after as object).join(', ')}`;
    case 'RunnerStatusDeclared':
      return `declared ${String(data.status)}`;
    case 'RunnerStatusRescinded':
      return `${String(data.status)} rescinded`;
    case 'RunnerDisqualified':
      return `disqualified under ${String(data.rule)}`;
    case 'DisqualificationRescinded':
      return `disqualification under ${String(data.rule)} rescinded`;
    default:
      return type;
  }
};

export const historyItemOf = (event: RecordedEvent): EntryHistoryItem => {
  const data = event.data as Data;
  return {
    type: event.type,
    recordedAt: event.recordedAt,
    occurredAt: event.metadata.occurredAt,
    position: event.position,
    ...(typeof data.readId === 'string' && { readId: data.readId }),
    summary: summaryOf(event.type, data),
  };
};
