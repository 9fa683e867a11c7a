import { createHash } from 'node:crypto';
import { isoOf } from './time';
import { type ItemDetails } from '../kind';
import { type ResourceItem, type Value } from '../../lists';

/** A log event as GetLogEvents (no stream, no id) or FilterLogEvents (both) gives it. */
export interface LogEvent {
  readonly logStreamName?: string;
  readonly timestamp?: number;
  readonly message?: string;
  readonly ingestionTime?: number;
  readonly eventId?: string;
}

/** A search's event columns (FilterLogEvents): the API's fields in the order the AWS CLI prints them, then ours (the instants in ISO 8601). */
export const EVENT_COLUMNS = ['logStreamName', 'timestamp', 'message', 'ingestionTime', 'eventId', 'timestampIso', 'ingestionTimeIso'] as const;
/** A stream's event columns (GetLogEvents gives no stream name and no event id). */
export const STREAM_EVENT_COLUMNS = ['timestamp', 'message', 'ingestionTime', 'timestampIso', 'ingestionTimeIso'] as const;

const FIRST_LINE = 200;

/**
 * Events as rows: the first line of the message (the row's time shows the timestamp), the stream when the list spans
 * several. GetLogEvents gives no event id, so such a row is named by what it holds (a repeat within a page counted).
 */
export function eventRows(events: readonly LogEvent[] | undefined, listAddress: string, showStream: boolean): ResourceItem[] {
  const seen = new Map<string, number>();
  return (events ?? []).map((event) => {
    const message = event.message ?? '';
    let key = event.eventId;
    if (key === undefined) {
      const digest = eventDigest(event);
      const repeat = seen.get(digest) ?? 0;
      seen.set(digest, repeat + 1);
      key = repeat ? `${digest}~${repeat}` : digest;
    }
    // Once per event: the row's time and the record's timestampIso are the same text.
    const time = isoOf(event.timestamp);
    const end = message.indexOf('\n');
    const firstLine = (end < 0 ? message : message.slice(0, end)).trimEnd();
    return {
      id: `${listAddress}#${key}`,
      name: firstLine.length > FIRST_LINE ? `${firstLine.slice(0, FIRST_LINE)}…` : firstLine || '(empty)',
      description: showStream ? event.logStreamName : undefined,
      time: time ?? undefined,
      itemKind: 'logEvent',
      record: eventRecord(event, time),
    };
  });
}

/** What names an event GetLogEvents gives (no id): its timestamp, ingestion time and message, digested. */
export function eventDigest(event: LogEvent): string {
  return createHash('sha1').update(`${event.timestamp}\n${event.ingestionTime}\n${event.message ?? ''}`).digest('hex').slice(0, 16);
}

function eventRecord(event: LogEvent, timestampIso: string | null): Record<string, Value> {
  const record: Record<string, Value> = {};
  if (event.logStreamName !== undefined) {
    record.logStreamName = event.logStreamName;
  }
  if (event.timestamp !== undefined) {
    record.timestamp = event.timestamp;
  }
  if (event.message !== undefined) {
    record.message = event.message;
  }
  if (event.ingestionTime !== undefined) {
    record.ingestionTime = event.ingestionTime;
  }
  if (event.eventId !== undefined) {
    record.eventId = event.eventId;
  }
  record.timestampIso = timestampIso;
  record.ingestionTimeIso = isoOf(event.ingestionTime);
  return record;
}

/** Show Details of an event: the whole event as listed, without a request. */
export function eventDetails(item: ResourceItem): ItemDetails | undefined {
  return item.itemKind !== 'logEvent' ? undefined : {
    operation: 'Log event',
    local: true,
    fetch: async () => ({ ...item.record }),
  };
}
