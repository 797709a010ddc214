import type { Routes } from '../sandbox/routeKit';
import { routeKit as k } from '../sandbox/routeKit';
import type { ExamSession, ExamSubject, ExamsPort } from './types';

/** The exams port's side of the HTTP contract (./openapi.json), served by the sandbox. */
export function examsRoutes(routes: Routes, exams: ExamsPort): void {
  routes.get('/v1/exams/eligibility', async (req) => {
    const q = k.fields(req.query);
    const replacing = q['replacing'] === undefined ? undefined : k.str(q, 'replacing');
    return k.ok(await exams.eligibility(k.citizen(req), k.num(q, 'subject') as ExamSubject, k.str(q, 'date'), replacing));
  });
  routes.get('/v1/exams/slots', async (req) => {
    const q = k.fields(req.query);
    return k.items(await exams.listSlots(k.num(q, 'subject') as ExamSubject, k.str(q, 'from'), k.num(q, 'days')));
  });
  routes.post('/v1/exams/bookings', async (req) => {
    const b = k.fields(req.body);
    return k.ok(await exams.book(
      k.citizen(req), k.num(b, 'subject') as ExamSubject, k.str(b, 'centreId'), k.str(b, 'date'), k.str(b, 'session') as ExamSession,
      k.idempotencyKey(req),
    ), 201);
  });
  routes.get('/v1/exams/bookings', async (req) => k.items(await exams.listBookings(k.citizen(req))));
  routes.post('/v1/exams/bookings/:bookingId/cancel', async (req) =>
    k.ok(await exams.cancel(k.citizen(req), k.param(req, 'bookingId'))));
  routes.post('/v1/exams/bookings/:bookingId/reschedule', async (req) => {
    const b = k.fields(req.body);
    return k.ok(await exams.reschedule(
      k.citizen(req), k.param(req, 'bookingId'), k.str(b, 'centreId'), k.str(b, 'date'), k.str(b, 'session') as ExamSession,
      k.idempotencyKey(req),
    ));
  });
}
