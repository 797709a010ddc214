/**
 * The traffic platform port: what the dialogs may ask of the provincial "Internet traffic safety service
 * platform". Implemented by the SQLite sandbox (default, tests, demos) and by an HTTP client for a real gateway.
 *
 * Conventions: dates are China calendar dates 'YYYY-MM-DD'; instants are ISO-8601 strings; money is in fen
 * (integers; 100 fen = 1 yuan). Failures are thrown as `PlatformError` (see ./errors) with a stable code.
 * Mutating calls take an idempotency key: repeating a call with the same key returns the first result.
 *
 * Each port lives in its own folder (`<port>/types.ts`, `<port>/port.ts`, …); this file gathers their types for
 * importers, and `TrafficPlatform` is composed from the one list of ports in ./ports.
 */
export type * from './commonTypes';
export type * from './identity/types';
export type * from './exams/types';
export type * from './plates/types';
export type * from './violations/types';
export type * from './sms/types';
export type * from './events/types';
export type { TrafficPlatform } from './TrafficPlatform';
