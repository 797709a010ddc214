import type { AuditEntry, AuditLog } from '../../../../integrations/storage/auditLog';
import { ID_NUMBER, ID_NUMBER_MASKED, PHONE, PHONE_MASKED, T0, useSubject, type PortFactory } from './portContract';

const ENTRIES: AuditEntry[] = [
  { at: T0 + 1, actor: 'cli', action: 'agent.create', target: 'agent-a', details: { username: 'alice', role: 'admin' } },
  { at: T0 + 2, actor: 'agent-a', action: 'agent.login' },
  { at: T0 + 3, actor: 'agent-a', action: 'handoff.accept', target: 'h-1' },
  { at: T0 + 4, actor: 'agent-b', action: 'agent.login' },
  { at: T0 + 5, actor: 'agent-a', action: 'handoff.close', target: 'h-1', details: { outcome: 'resolved' } },
  { at: T0 + 6, actor: 'system', action: 'handoff.expire', target: 'h-2' },
];

/** What every AuditLog adapter must do: append-only, newest first, filtered, personal data masked before writing. */
export function runAuditLogContract(name: string, make: PortFactory<AuditLog>): void {
  describe(`AuditLog contract: ${name}`, () => {
    const subject = useSubject(make);
    const log = (): AuditLog => subject().store;
    const appendAll = async (): Promise<void> => {
      for (const e of ENTRIES) await log().append(e);
    };
    const ats = (entries: AuditEntry[]): number[] => entries.map((e) => e.at - T0);

    it('returns entries newest first with increasing ids; target and details only when given', async () => {
      await appendAll();
      const recent = await log().recent(10);
      expect(ats(recent)).toEqual([6, 5, 4, 3, 2, 1]);
      const ids = recent.map((e) => e.id);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      expect(new Set(ids).size).toBe(6);
      expect(recent[4]).toEqual({ id: ids[4], at: T0 + 2, actor: 'agent-a', action: 'agent.login' });
      expect(recent[5]).toEqual({ id: ids[5], ...ENTRIES[0] });
    });

    it('orders by insertion, not by the time given', async () => {
      await log().append({ at: T0 + 500, actor: 'a', action: 'x' });
      await log().append({ at: T0 + 100, actor: 'a', action: 'y' });
      expect((await log().recent(5)).map((e) => e.action)).toEqual(['y', 'x']);
    });

    it.each<[string, { actor?: string; action?: string; target?: string }, number[]]>([
      ['no filter', {}, [6, 5, 4, 3, 2, 1]],
      ['actor', { actor: 'agent-a' }, [5, 3, 2]],
      ['action', { action: 'agent.login' }, [4, 2]],
      ['target', { target: 'h-1' }, [5, 3]],
      ['actor and action', { actor: 'agent-a', action: 'agent.login' }, [2]],
      ['actor and target', { actor: 'system', target: 'h-1' }, []],
      ['an unknown actor', { actor: 'nobody' }, []],
    ])('filters by %s', async (_label, filter, expected) => {
      await appendAll();
      expect(ats(await log().recent(10, filter))).toEqual(expected);
    });

    it.each<[number, number[]]>([[1, [6]], [3, [6, 5, 4]], [0, []]])('returns at most %i entries', async (limit, expected) => {
      await appendAll();
      expect(ats(await log().recent(limit))).toEqual(expected);
    });

    it('applies the limit after the filter', async () => {
      await appendAll();
      expect(ats(await log().recent(2, { actor: 'agent-a' }))).toEqual([5, 3]);
    });

    it('masks ID numbers and mobile numbers in details at any depth, keeping other values and their types', async () => {
      await log().append({
        at: T0, actor: 'agent-a', action: 'handoff.note', target: 'h-1',
        details: {
          idNumber: ID_NUMBER, note: `车主手机${PHONE}`, nested: { list: [`身份证 ${ID_NUMBER}`, PHONE] },
          count: 3, ratio: 0.5, ok: true, none: null, decision: '3205831234567890', '键.$名': '值',
        },
      });
      const [stored] = await log().recent(1);
      expect(stored.details).toEqual({
        idNumber: ID_NUMBER_MASKED, note: `车主手机${PHONE_MASKED}`, nested: { list: [`身份证 ${ID_NUMBER_MASKED}`, PHONE_MASKED] },
        count: 3, ratio: 0.5, ok: true, none: null, decision: '3205831234567890', '键.$名': '值',
      });
      const raw = await subject().stored?.();
      if (raw !== undefined) {
        expect(raw).toContain(ID_NUMBER_MASKED);
        expect(raw).not.toContain(ID_NUMBER);
        expect(raw).not.toContain(PHONE);
      }
    });

    it('gives concurrent appends distinct ids and loses none', async () => {
      await Promise.all(Array.from({ length: 10 }, (_, i) => log().append({ at: T0 + i, actor: 'system', action: `a${i}` })));
      const recent = await log().recent(20);
      expect(recent).toHaveLength(10);
      expect(new Set(recent.map((e) => e.id)).size).toBe(10);
    });
  });
}
