import { definePort } from '../port';

/** The identity port's error codes and retry policy. */
export const IDENTITY_PORT = definePort({
  name: 'identity',
  errors: {
    IDENTITY_MISMATCH: 403,
    CODE_WRONG: 422,
    CODE_EXPIRED: 422,
    LOCKED: 423,
    NOT_BOUND: 404,
    ALREADY_BOUND: 409,
  },
  methods: {
    startBinding: 'never', // sends an SMS code
    confirmBinding: 'never', // a repeated wrong code counts towards the lock
    getBinding: 'read',
    requireBinding: 'read',
    unbind: 'idempotent', // removing a binding already removed changes nothing (answers null)
    boundUsers: 'read',
  },
});
