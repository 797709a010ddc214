import { definePort } from '../port';

/** The exams port's error codes (eligibility rules, slots, cancellation) and retry policy. */
export const EXAM_PORT = definePort({
  name: 'exams',
  errors: {
    NOT_REGISTERED: 422,
    EXAM_PREREQUISITE: 422,
    ALREADY_PASSED: 422,
    PERMIT_TOO_NEW: 422,
    PERMIT_EXPIRED: 422,
    ALREADY_BOOKED: 409,
    RETAKE_TOO_SOON: 422,
    ATTEMPTS_EXHAUSTED: 422,
    DATE_NOT_BOOKABLE: 422,
    NOT_WORKING_DAY: 422,
    CENTRE_SUBJECT_MISMATCH: 422,
    SLOT_FULL: 409,
    CANCEL_TOO_LATE: 422,
    /** A reschedule to the slot the booking already has. */
    SAME_SLOT: 422,
  },
  methods: {
    eligibility: 'read',
    listSlots: 'read',
    book: 'keyed',
    listBookings: 'read',
    cancel: 'idempotent', // cancelling a cancelled booking answers it unchanged
    reschedule: 'keyed',
  },
});
