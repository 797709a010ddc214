import { ERROR_STATUS, PlatformError, type PlatformErrorCode } from '../../../integrations/platform/errors';
import type { ExamsPort } from '../../../integrations/platform/exams/types';
import { HttpPlatform } from '../../../integrations/platform/http/HttpPlatform';
import { isRepeatable, type DeclaresEveryMethod } from '../../../integrations/platform/port';
import { PLATFORM_PORTS, retryPolicyOf, type PlatformMethod, type PortName } from '../../../integrations/platform/ports';
import { SHARED_ERRORS } from '../../../integrations/platform/sharedErrors';
import { sandbox } from './fixtures';

const names = Object.keys(PLATFORM_PORTS) as PortName[];

describe('the platform ports, each declared once in its own folder', () => {
  it('every port is declared under its own name', () => {
    for (const name of names) expect(PLATFORM_PORTS[name].name).toBe(name);
  });

  it('every method of every port has a retry policy, and nothing else has one', () => {
    const http = new HttpPlatform({ baseUrl: 'http://127.0.0.1:9' });
    const { platform, db } = sandbox();
    try {
      for (const name of names) {
        const declared = Object.keys(PLATFORM_PORTS[name].methods).sort();
        expect([name, Object.keys(http[name]).sort()]).toEqual([name, declared]);
        for (const method of declared) expect(typeof (platform[name] as unknown as Record<string, unknown>)[method]).toBe('function');
      }
    } finally {
      db.close();
    }
  });

  it('the compiler refuses a port method without a retry policy, a policy for no method, and a port without a declaration', () => {
    // Each alias below fails to compile (@ts-expect-error would itself fail if it did not); see TrafficPlatform.ts.
    type Exams = { readonly exams: ExamsPort };
    const exams = {
      methods: { eligibility: 'read', listSlots: 'read', book: 'keyed', listBookings: 'read', cancel: 'idempotent', reschedule: 'keyed' },
    } as const;
    // @ts-expect-error cancel has no retry policy
    type Missing = DeclaresEveryMethod<Exams, { exams: { methods: Omit<typeof exams.methods, 'cancel'> } }>;
    // @ts-expect-error the exams port has no method transfer
    type Extra = DeclaresEveryMethod<Exams, { exams: { methods: typeof exams.methods & { transfer: 'keyed' } } }>;
    // @ts-expect-error no port named inspections
    type Stray = DeclaresEveryMethod<Exams, { exams: typeof exams; inspections: { methods: {} } }>;
    // @ts-expect-error the exams port has no declaration
    type Undeclared = DeclaresEveryMethod<Exams, {}>;
    type Complete = DeclaresEveryMethod<Exams, { exams: typeof exams }>;
    const checked: Array<Missing | Extra | Stray | Undeclared | Complete> = [];
    expect(checked).toEqual([]);
  });

  it('repeats exactly the reads and the idempotent writes (as before the ports had folders)', () => {
    const repeatable = names.flatMap((name) => Object.entries(PLATFORM_PORTS[name].methods)
      .filter(([, policy]) => isRepeatable(policy)).map(([method]) => `${name}.${method}`)).sort();
    expect(repeatable).toEqual([
      'identity.getBinding', 'identity.requireBinding', 'identity.unbind', 'identity.boundUsers',
      'exams.eligibility', 'exams.listSlots', 'exams.book', 'exams.listBookings', 'exams.cancel', 'exams.reschedule',
      'plates.checkPatterns', 'plates.reserve', 'plates.reservedPlate', 'plates.vehicles',
      'violations.byPlate', 'violations.byOwner', 'violations.handle', 'violations.decision', 'violations.pay', 'violations.points', 'violations.licence',
      'sms.outbox',
      'events.since',
    ].sort());
  });

  it('a method is named port.method (what service modules list) and its policy is looked up by that name', () => {
    const book: PlatformMethod = 'exams.book';
    expect(retryPolicyOf('exams', book.split('.')[1]!)).toBe('keyed');
    // @ts-expect-error the exams port has no such method
    const unknown: PlatformMethod = 'exams.transfer';
    expect(unknown).toBe('exams.transfer');
    expect(retryPolicyOf('exams', 'transfer')).toBeUndefined();
    expect(retryPolicyOf('exams', 'reschedule')).toBe('keyed');
    expect(retryPolicyOf('exams', 'toString')).toBeUndefined();
    expect(retryPolicyOf('constructor', 'name')).toBeUndefined();
  });

  it('every error code is declared exactly once: shared, or by one port', () => {
    const declared = [Object.keys(SHARED_ERRORS), ...names.map((name) => Object.keys(PLATFORM_PORTS[name].errors))].flat();
    const counts = new Map<string, number>();
    for (const code of declared) counts.set(code, (counts.get(code) ?? 0) + 1);
    expect([...counts].filter(([, n]) => n !== 1)).toEqual([]);
    expect(Object.keys(ERROR_STATUS)).toEqual(declared);
    for (const code of declared) expect(PlatformError.isCode(code)).toBe(true);
    expect(PlatformError.isCode('SOMETHING_ELSE')).toBe(false);
    // The derived type is the union of the declared codes, not any string:
    // @ts-expect-error no port declares SOMETHING_ELSE
    const undeclared: PlatformErrorCode = 'SOMETHING_ELSE';
    expect(PlatformError.isCode(undeclared)).toBe(false);
  });
});
