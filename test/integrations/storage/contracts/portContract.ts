/**
 * Shared shapes of the port contract suites: each suite takes a factory that returns a fresh, empty instance of
 * the port (its own database) and a way to release it, and describes the behaviour every adapter must show.
 */
export interface PortSubject<T> {
  store: T;
  /** Releases the instance (and drops its database); called after every test, must be idempotent. */
  close(): Promise<void>;
  /**
   * Everything the adapter stored for this port, as text: lets a suite prove that a secret never reached the
   * database. Optional; the check is skipped when an adapter cannot provide it.
   */
  stored?(): Promise<string>;
}

export type PortFactory<T> = () => Promise<PortSubject<T>>;

/**
 * The suites' clock: 2100-01-01T00:00:00Z. Far in the future on purpose, so TTL indexes (MongoDB deletes a
 * document whose date field is older than the wall clock) never remove test data in the middle of a test.
 * A multiple of every window used (1 s, 1 min, 1 h).
 */
export const T0 = Date.UTC(2100, 0, 1);

/** Registers beforeEach/afterEach that open a fresh subject for every test; returns a live accessor. */
export function useSubject<T>(make: () => Promise<PortSubject<T>>): () => PortSubject<T> {
  let subject: PortSubject<T> | undefined;
  beforeEach(async () => {
    subject = await make();
  });
  afterEach(async () => {
    await subject?.close();
    subject = undefined;
  });
  return () => {
    if (!subject) throw new Error('no subject: used outside a test');
    return subject;
  };
}

/** A personal ID number and a mobile number as a citizen types them, and how every store must keep them. */
export const ID_NUMBER = '320583198512240024';
export const ID_NUMBER_MASKED = '320583********0024';
export const PHONE = '13812345678';
export const PHONE_MASKED = '138****5678';
