import { definePort } from '../port';

/**
 * The SMS port's declaration: no codes of its own. Not guarded by the resilience wrapper: the outbox belongs to
 * the sandbox's SMS gateway (demos, tests), not to a call citizens wait for.
 */
export const SMS_PORT = definePort({
  name: 'sms',
  errors: {},
  methods: {
    outbox: 'read',
  },
  guarded: false,
});
