import { definePort } from '../port';

/** The violations port's error codes (online handling, payment, licence) and retry policy. */
export const VIOLATION_PORT = definePort({
  name: 'violations',
  errors: {
    NOT_SIMPLE_PROCEDURE: 422,
    ALREADY_HANDLED: 409,
    NO_LICENCE: 422,
    AMOUNT_MISMATCH: 422,
  },
  methods: {
    byPlate: 'read',
    byOwner: 'read',
    handle: 'keyed',
    decision: 'read',
    pay: 'keyed', // a decision is never charged twice
    points: 'read',
    licence: 'read',
  },
});
