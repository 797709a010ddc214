import type { PlatformErrorCode } from '../../../../integrations/platform/errors';
import type { ExamSubject } from '../../../../integrations/platform/types';
import { addLearner, expectCode, LI_NA, sandbox, ZHANG_WEI } from '../fixtures';

describe('exam eligibility (clock: 2026-11-25, a Wednesday)', () => {
  const { platform, admin } = sandbox();
  const learner = addLearner(admin, 1); // registered, nothing passed
  const permitExpired = addLearner(admin, 2, { passedUpTo: 1, permitIssuedOn: '2023-11-01' }); // valid until 2026-10-31
  const permitEnding = addLearner(admin, 3, { passedUpTo: 1, permitIssuedOn: '2023-12-10' }); // valid until 2026-12-09
  const passed2 = addLearner(admin, 4, { passedUpTo: 2, permitIssuedOn: '2026-11-12' }); // subject 3 from 2026-12-02
  const passed3 = addLearner(admin, 5, { passedUpTo: 3, permitIssuedOn: '2026-11-20' });

  it.each<[string, string, ExamSubject, string, PlatformErrorCode | 'ok', Record<string, unknown>]>([
    ['张伟', ZHANG_WEI.idNumber, 2, '2026-11-27', 'PERMIT_TOO_NEW', { minDays: 10, permitIssuedOn: '2026-11-20', earliestDate: '2026-11-30' }],
    ['张伟', ZHANG_WEI.idNumber, 2, '2026-11-29', 'PERMIT_TOO_NEW', { earliestDate: '2026-11-30' }],
    ['张伟', ZHANG_WEI.idNumber, 2, '2026-11-30', 'ok', {}],
    ['张伟', ZHANG_WEI.idNumber, 1, '2026-11-30', 'ALREADY_PASSED', { passedOn: '2026-11-20' }],
    ['张伟', ZHANG_WEI.idNumber, 3, '2026-12-30', 'EXAM_PREREQUISITE', { requiredSubject: 2 }],
    ['张伟', ZHANG_WEI.idNumber, 4, '2026-12-30', 'EXAM_PREREQUISITE', { requiredSubject: 3 }],
    ['李娜 (not a learner)', LI_NA.idNumber, 1, '2026-11-30', 'NOT_REGISTERED', {}],
    ['a new learner', learner, 1, '2026-11-26', 'ok', {}],
    ['a new learner', learner, 2, '2026-12-30', 'EXAM_PREREQUISITE', { requiredSubject: 1 }],
    ['a new learner, on a Saturday', learner, 1, '2026-11-28', 'NOT_WORKING_DAY', { nextWorkingDay: '2026-11-30' }],
    ['a new learner, on a Sunday', learner, 1, '2026-11-29', 'NOT_WORKING_DAY', { nextWorkingDay: '2026-11-30' }],
    ['a new learner, today', learner, 1, '2026-11-25', 'DATE_NOT_BOOKABLE', { reason: 'past', earliestDate: '2026-11-26' }],
    ['a new learner, yesterday', learner, 1, '2026-11-24', 'DATE_NOT_BOOKABLE', { reason: 'past' }],
    ['a new learner, in 58 days', learner, 1, '2027-01-22', 'ok', {}],
    ['a new learner, in 61 days', learner, 1, '2027-01-25', 'DATE_NOT_BOOKABLE', { reason: 'too-far', latestDate: '2027-01-24' }],
    ['permit past its 3 years', permitExpired, 2, '2026-11-30', 'PERMIT_EXPIRED', { permitExpiresOn: '2026-10-31' }],
    ['permit ending, last valid day', permitEnding, 2, '2026-12-09', 'ok', {}],
    ['permit ending, day after', permitEnding, 2, '2026-12-10', 'PERMIT_EXPIRED', { permitExpiresOn: '2026-12-09' }],
    ['科目三 at 19 days', passed2, 3, '2026-12-01', 'PERMIT_TOO_NEW', { minDays: 20, earliestDate: '2026-12-02' }],
    ['科目三 at 20 days', passed2, 3, '2026-12-02', 'ok', {}],
    ['科目四 has no permit age', passed3, 4, '2026-11-26', 'ok', {}],
  ])('%s, 科目%i on %s: %s', async (_who, id, subject, date, expected, details) => {
    const e = await platform.exams.eligibility(id, subject, date);
    if (expected === 'ok') {
      expect(e).toMatchObject({ eligible: true, reason: null });
    } else {
      expect(e.eligible).toBe(false);
      expect(e.reason?.code).toBe(expected);
      expect(e.reason?.details).toMatchObject(details);
    }
  });

  it("gives 张伟's earliest 科目二 date as 2026-11-30 also when he asks for an allowed date", async () => {
    expect((await platform.exams.eligibility(ZHANG_WEI.idNumber, 2, '2026-12-03')).earliestDate).toBe('2026-11-30');
  });

  it('refuses unknown citizens and malformed input', async () => {
    await expectCode(platform.exams.eligibility('320102200001019998', 1, '2026-11-30'), 'INVALID_ARGUMENT');
    await expectCode(platform.exams.eligibility('110101199001010015', 1, '2026-11-30'), 'NOT_FOUND');
    await expectCode(platform.exams.eligibility(ZHANG_WEI.idNumber, 5 as ExamSubject, '2026-11-30'), 'INVALID_ARGUMENT');
    await expectCode(platform.exams.eligibility(ZHANG_WEI.idNumber, 2, '2026-11-31'), 'INVALID_ARGUMENT');
  });
});

describe('slots', () => {
  it('lists morning and afternoon slots of the right centre on bookable working days', async () => {
    const { platform } = sandbox();
    const slots = await platform.exams.listSlots(2, '2026-11-25', 7);
    expect(slots.map((s) => `${s.date} ${s.session} ${s.centreId}`)).toEqual([
      '2026-11-26 morning nj-2', '2026-11-26 afternoon nj-2', '2026-11-27 morning nj-2', '2026-11-27 afternoon nj-2',
      '2026-11-30 morning nj-2', '2026-11-30 afternoon nj-2', '2026-12-01 morning nj-2', '2026-12-01 afternoon nj-2',
    ]);
    expect(slots.every((s) => s.capacity === 20 && s.remaining === 20 && s.centreName === '南京市交管局第二考场')).toBe(true);
    const theory = await platform.exams.listSlots(1, '2026-11-30', 1);
    expect(theory.map((s) => [s.centreId, s.centreName, s.session])).toEqual([
      ['nj-1', '南京市交管局第一考场', 'morning'], ['nj-1', '南京市交管局第一考场', 'afternoon'],
    ]);
    expect(await platform.exams.listSlots(3, '2026-11-28', 2)).toEqual([]); // a weekend
    expect(await platform.exams.listSlots(1, '2027-03-01', 5)).toEqual([]); // beyond the booking window
  });

  it.each([0, 32, 1.5])('refuses %s days', async (days) => {
    const { platform } = sandbox();
    await expectCode(platform.exams.listSlots(1, '2026-11-26', days), 'INVALID_ARGUMENT');
  });

  it('counts seats down and never books more than the capacity', async () => {
    const { platform, admin } = sandbox();
    const ids = Array.from({ length: 21 }, (_, i) => addLearner(admin, 100 + i));
    for (const [i, id] of ids.slice(0, 20).entries()) {
      await platform.exams.book(id, 1, 'nj-1', '2026-11-26', 'afternoon', `k${i}`);
    }
    const full = await expectCode(platform.exams.book(ids[20] ?? '', 1, 'nj-1', '2026-11-26', 'afternoon', 'k20'), 'SLOT_FULL');
    expect(full.retryable).toBe(false);
    const slot = (await platform.exams.listSlots(1, '2026-11-26', 1)).find((s) => s.session === 'afternoon');
    expect(slot?.remaining).toBe(0);
    // Another session still has room.
    await platform.exams.book(ids[20] ?? '', 1, 'nj-1', '2026-11-26', 'morning', 'k21');
  });
});

describe('booking', () => {
  it('books 张伟 for 科目二 on 2026-11-30 and shows it', async () => {
    const { platform } = sandbox();
    expect(await platform.exams.listBookings(ZHANG_WEI.idNumber)).toEqual([]);
    const b = await platform.exams.book(ZHANG_WEI.idNumber, 2, 'nj-2', '2026-11-30', 'morning', 'key-1');
    expect(b).toMatchObject({
      subject: 2, centreId: 'nj-2', centreName: '南京市交管局第二考场', date: '2026-11-30', session: 'morning', status: 'booked',
      cancellableUntil: '2026-11-29T16:00:00.000Z',
    });
    expect(await platform.exams.listBookings(ZHANG_WEI.idNumber)).toEqual([b]);
    const slot = (await platform.exams.listSlots(2, '2026-11-30', 1)).find((s) => s.session === 'morning');
    expect(slot?.remaining).toBe(19);
  });

  it('refuses what eligibility refuses, with the same code and details', async () => {
    const { platform } = sandbox();
    const err = await expectCode(platform.exams.book(ZHANG_WEI.idNumber, 2, 'nj-2', '2026-11-27', 'morning', 'k'), 'PERMIT_TOO_NEW');
    expect(err.details).toMatchObject({ earliestDate: '2026-11-30', minDays: 10 });
    await expectCode(platform.exams.book(ZHANG_WEI.idNumber, 3, 'nj-2', '2026-12-30', 'morning', 'k2'), 'EXAM_PREREQUISITE');
    await expectCode(platform.exams.book(ZHANG_WEI.idNumber, 2, 'nj-2', '2026-12-05', 'morning', 'k3'), 'NOT_WORKING_DAY');
  });

  it('allows one active booking per subject', async () => {
    const { platform } = sandbox();
    const first = await platform.exams.book(ZHANG_WEI.idNumber, 2, 'nj-2', '2026-11-30', 'morning', 'a');
    const err = await expectCode(platform.exams.book(ZHANG_WEI.idNumber, 2, 'nj-2', '2026-12-01', 'afternoon', 'b'), 'ALREADY_BOOKED');
    expect(err.details).toMatchObject({ bookingId: first.bookingId, bookedDate: '2026-11-30' });
    await platform.exams.cancel(ZHANG_WEI.idNumber, first.bookingId);
    await platform.exams.book(ZHANG_WEI.idNumber, 2, 'nj-2', '2026-12-01', 'afternoon', 'c');
  });

  it('checks the centre holds the subject and the session exists', async () => {
    const { platform } = sandbox();
    await expectCode(platform.exams.book(ZHANG_WEI.idNumber, 2, 'nj-1', '2026-11-30', 'morning', 'a'), 'CENTRE_SUBJECT_MISMATCH');
    await expectCode(platform.exams.book(ZHANG_WEI.idNumber, 2, 'nj-9', '2026-11-30', 'morning', 'a'), 'NOT_FOUND');
    await expectCode(platform.exams.book(ZHANG_WEI.idNumber, 2, 'nj-2', '2026-11-30', 'evening' as 'morning', 'a'), 'INVALID_ARGUMENT');
  });

  it('returns the first result for a repeated idempotency key and refuses the key for other arguments', async () => {
    const { platform } = sandbox();
    const first = await platform.exams.book(ZHANG_WEI.idNumber, 2, 'nj-2', '2026-11-30', 'morning', 'same');
    expect(await platform.exams.book(ZHANG_WEI.idNumber, 2, 'nj-2', '2026-11-30', 'morning', 'same')).toEqual(first);
    await expectCode(platform.exams.book(ZHANG_WEI.idNumber, 2, 'nj-2', '2026-12-01', 'morning', 'same'), 'IDEMPOTENCY_CONFLICT');
    const slot = (await platform.exams.listSlots(2, '2026-11-30', 1)).find((s) => s.session === 'morning');
    expect(slot?.remaining).toBe(19);
  });
});

describe('cancelling: until 24:00 China time the day before the exam', () => {
  it.each([
    ['2026-11-29T23:59:59+08:00', 'ok'],
    ['2026-11-29T15:59:59Z', 'ok'],
    ['2026-11-30T00:00:00+08:00', 'CANCEL_TOO_LATE'],
    ['2026-11-30T09:00:00+08:00', 'CANCEL_TOO_LATE'],
  ])('at %s: %s', async (at, expected) => {
    const { platform, clock } = sandbox();
    const b = await platform.exams.book(ZHANG_WEI.idNumber, 2, 'nj-2', '2026-11-30', 'morning', 'k');
    clock.set(at);
    if (expected === 'ok') {
      expect((await platform.exams.cancel(ZHANG_WEI.idNumber, b.bookingId)).status).toBe('cancelled');
    } else {
      const err = await expectCode(platform.exams.cancel(ZHANG_WEI.idNumber, b.bookingId), 'CANCEL_TOO_LATE');
      expect(err.details).toMatchObject({ deadline: '2026-11-29T16:00:00.000Z', lastCancelDate: '2026-11-29' });
    }
  });

  it('frees the seat, is idempotent, and only the owner can cancel', async () => {
    const { platform } = sandbox();
    const b = await platform.exams.book(ZHANG_WEI.idNumber, 2, 'nj-2', '2026-11-30', 'morning', 'k');
    await expectCode(platform.exams.cancel(LI_NA.idNumber, b.bookingId), 'NOT_FOUND');
    const c1 = await platform.exams.cancel(ZHANG_WEI.idNumber, b.bookingId);
    const c2 = await platform.exams.cancel(ZHANG_WEI.idNumber, b.bookingId);
    expect(c2).toEqual(c1);
    const slot = (await platform.exams.listSlots(2, '2026-11-30', 1)).find((s) => s.session === 'morning');
    expect(slot?.remaining).toBe(20);
  });
});

describe('results, retakes and attempts', () => {
  it('passing 科目一 issues the learner permit on the exam date; 科目二 then waits 10 days', async () => {
    const { platform, admin, clock } = sandbox();
    const id = addLearner(admin, 7);
    const b = await platform.exams.book(id, 1, 'nj-1', '2026-11-26', 'morning', 'k');
    clock.set('2026-11-26T15:00:00+08:00');
    expect(admin.recordExamResult(b.bookingId, true)).toBe('passed');
    const e = await platform.exams.eligibility(id, 2, '2026-12-04');
    expect(e.reason?.code).toBe('PERMIT_TOO_NEW');
    expect(e.reason?.details).toMatchObject({ permitIssuedOn: '2026-11-26', earliestDate: '2026-12-07' }); // 12-06 is a Sunday
    expect((await platform.exams.listBookings(id))[0]?.status).toBe('passed');
  });

  it('a retake needs 10 days after the failed exam', async () => {
    const { platform, admin, clock } = sandbox();
    const id = addLearner(admin, 8);
    const b = await platform.exams.book(id, 1, 'nj-1', '2026-11-26', 'morning', 'k');
    clock.set('2026-11-26T15:00:00+08:00');
    admin.recordExamResult(b.bookingId, false);
    const tooSoon = await platform.exams.eligibility(id, 1, '2026-12-04');
    expect(tooSoon.reason).toEqual({
      code: 'RETAKE_TOO_SOON', details: { subject: 1, lastFailedOn: '2026-11-26', minDays: 10, earliestDate: '2026-12-07' },
    });
    await expectCode(platform.exams.book(id, 1, 'nj-1', '2026-12-04', 'morning', 'k2'), 'RETAKE_TOO_SOON');
    await platform.exams.book(id, 1, 'nj-1', '2026-12-07', 'morning', 'k3');
  });

  it.each([[4, 'ok'], [5, 'ATTEMPTS_EXHAUSTED']])('after %i failed attempts within the validity: %s', async (failures, expected) => {
    const { platform, admin } = sandbox();
    const id = addLearner(admin, 9, { passedUpTo: 1, permitIssuedOn: '2025-06-01' });
    for (let i = 0; i < failures; i += 1) admin.recordPastResult(id, 2, `2025-${String(7 + i).padStart(2, "0")}-01`, false);
    const e = await platform.exams.eligibility(id, 2, '2026-11-30');
    if (expected === 'ok') expect(e.eligible).toBe(true);
    else expect(e.reason).toEqual({ code: 'ATTEMPTS_EXHAUSTED', details: { subject: 2, attemptsUsed: 5, maxAttempts: 5, permitExpiresOn: '2028-05-31' } });
  });

  it('results can only be recorded once per booking', async () => {
    const { platform, admin } = sandbox();
    const b = await platform.exams.book(ZHANG_WEI.idNumber, 2, 'nj-2', '2026-11-30', 'morning', 'k');
    admin.recordExamResult(b.bookingId, false);
    expect(() => admin.recordExamResult(b.bookingId, true)).toThrow('not awaiting a result');
    expect(() => admin.recordExamResult('EB404', true)).toThrow('no such booking');
  });
});
