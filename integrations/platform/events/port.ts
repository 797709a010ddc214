import { definePort } from '../port';

/** The events port's declaration: a cursor it never handed out is refused; reading the feed is a read, so repeatable. */
export const EVENT_PORT = definePort({
  name: 'events',
  errors: {
    EVENTS_BAD_CURSOR: 400,
  },
  methods: {
    since: 'read',
  },
});
