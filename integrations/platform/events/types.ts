/**
 * The events port: what happened on the platform that a citizen may want to be told about (a violation recorded on
 * their car, an exam result published, a penalty decision issued), read oldest first with a cursor, so a reader
 * that stops and starts again neither misses nor repeats an event.
 */
import type { ChinaDate, Instant } from '../commonTypes';
import type { ExamSubject } from '../exams/types';
import type { ViolationKind } from '../violations/types';

export type PlatformEventType = 'violation.recorded' | 'exam.result' | 'decision.issued';

export interface ViolationRecordedData {
  readonly violationId: string;
  readonly plate: string;
  readonly occurredAt: Instant;
  readonly location: string;
  readonly kind: ViolationKind;
  readonly points: number;
  readonly fineFen: number;
}

export interface ExamResultData {
  readonly bookingId: string;
  readonly subject: ExamSubject;
  /** The exam's China date. */
  readonly date: ChinaDate;
  readonly passed: boolean;
  /** Present when the examiner gave one (科目一 and 科目四 are scored out of 100). */
  readonly score?: number;
}

export interface DecisionIssuedData {
  readonly decisionNumber: string;
  readonly violationId: string;
  readonly plate: string;
  /** What paying now costs: the fine (no late fee yet). */
  readonly fineFen: number;
  readonly issuedOn: ChinaDate;
  /** Last day to pay without a late fee. */
  readonly dueOn: ChinaDate;
}

interface EventOf<Type extends PlatformEventType, Data> {
  /** The event's place in the feed, which is also the cursor reading on after it (opaque to clients). */
  readonly id: string;
  readonly type: Type;
  /** When the platform recorded it. */
  readonly at: Instant;
  /** The citizen it concerns, when one does. */
  readonly idNumber?: string;
  /** The vehicle it concerns, when one does. */
  readonly plate?: string;
  readonly data: Data;
}

export type ViolationRecordedEvent = EventOf<'violation.recorded', ViolationRecordedData>;
export type ExamResultEvent = EventOf<'exam.result', ExamResultData>;
export type DecisionIssuedEvent = EventOf<'decision.issued', DecisionIssuedData>;
export type PlatformEvent = ViolationRecordedEvent | ExamResultEvent | DecisionIssuedEvent;

export interface EventPage {
  /** Oldest first; at most the limit asked for. */
  readonly events: PlatformEvent[];
  /** Where the next read goes on from: the last event's id, or the cursor given when nothing is new. */
  readonly cursor: string;
}

export interface EventsPort {
  /**
   * The events after `cursor` (all of them when undefined), oldest first, at most `limit` (1–500).
   * Errors: EVENTS_BAD_CURSOR for a cursor this feed never returned (garbled, or from another platform's feed).
   */
  since(cursor: string | undefined, limit: number): Promise<EventPage>;
}
