import type { GatewayCall } from '../http/GatewayCall';
import type { ExamBooking, ExamEligibility, ExamReschedule, ExamSession, ExamSlot, ExamSubject, ExamsPort } from './types';

/** The exams port over the HTTP contract (./openapi.json). */
export function examsHttp(call: GatewayCall): ExamsPort {
  const seg = encodeURIComponent;
  return {
    eligibility: (idNumber, subject, date, replacing) =>
      call<ExamEligibility>('GET', '/v1/exams/eligibility', {
        citizen: idNumber, query: { subject, date, ...(replacing !== undefined ? { replacing } : {}) },
      }),
    listSlots: async (subject, fromDate, days) =>
      (await call<{ items: ExamSlot[] }>('GET', '/v1/exams/slots', { query: { subject, from: fromDate, days } })).items,
    book: (idNumber: string, subject: ExamSubject, centreId: string, date: string, session: ExamSession, idempotencyKey: string) =>
      call<ExamBooking>('POST', '/v1/exams/bookings', { citizen: idNumber, idempotencyKey, body: { subject, centreId, date, session } }),
    listBookings: async (idNumber) =>
      (await call<{ items: ExamBooking[] }>('GET', '/v1/exams/bookings', { citizen: idNumber })).items,
    cancel: (idNumber, bookingId) =>
      call<ExamBooking>('POST', `/v1/exams/bookings/${seg(bookingId)}/cancel`, { citizen: idNumber }),
    reschedule: (idNumber, bookingId, centreId, date, session, idempotencyKey) =>
      call<ExamReschedule>('POST', `/v1/exams/bookings/${seg(bookingId)}/reschedule`, {
        citizen: idNumber, idempotencyKey, body: { centreId, date, session },
      }),
  };
}
