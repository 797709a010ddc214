import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../clock';
import { PlatformError } from '../errors';
import type { Binding, BindingChallenge, IdentityPort } from '../types';
import { check } from './check';
import { maskPhone } from '../../privacy/maskPhone';
import type { SandboxSms } from './SandboxSms';
import type { SandboxStore } from './store';

const BINDING_RULES = {
  codeLength: 6,
  codeValidMinutes: 5,
  resendAfterSeconds: 60,
  maxWrongCodes: 3,
  lockMinutes: 10,
} as const;

interface CodeRow {
  id_number: string;
  code_hash: string | null;
  issued_at: string;
  expires_at: string;
  failed_attempts: number;
  locked_until: string | null;
}

interface BindingRow {
  channel_user_id: string;
  id_number: string;
  bound_at: string;
  name: string;
  phone: string;
}

function hash(idNumber: string, code: string): string {
  return createHash('sha256').update(`${idNumber}:${code}`).digest('hex');
}

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** Binding a channel user (WeChat openid) to a citizen with ID number + name + SMS code. */
export class SandboxIdentity implements IdentityPort {
  static readonly rules = BINDING_RULES;

  constructor(private readonly store: SandboxStore, private readonly clock: Clock, private readonly sms: SandboxSms) {}

  async startBinding(idNumber: string, name: string): Promise<BindingChallenge> {
    const id = check.idNumber(idNumber);
    const fullName = check.text(name, 'name', 32);
    return this.store.write(() => {
      const now = this.clock.now();
      const citizen = this.store.db.prepare('SELECT name, phone FROM citizens WHERE id_number = ?').get(id) as
        { name: string; phone: string } | undefined;
      if (!citizen || citizen.name !== fullName) {
        throw new PlatformError('IDENTITY_MISMATCH', 'no citizen with this ID number and name');
      }
      const prior = this.codeRow(id);
      if (prior?.locked_until && prior.locked_until > now.toISOString()) {
        throw new PlatformError('LOCKED', 'binding locked after wrong codes', { lockedUntil: prior.locked_until });
      }
      if (prior) {
        const waited = (now.getTime() - Date.parse(prior.issued_at)) / 1000;
        if (waited < BINDING_RULES.resendAfterSeconds) {
          throw new PlatformError('RATE_LIMITED', 'binding code requested again too soon', {
            retryAfterSeconds: Math.ceil(BINDING_RULES.resendAfterSeconds - waited),
          });
        }
      }
      const code = String(randomInt(0, 10 ** BINDING_RULES.codeLength)).padStart(BINDING_RULES.codeLength, '0');
      const expiresAt = new Date(now.getTime() + BINDING_RULES.codeValidMinutes * 60_000).toISOString();
      this.store.db.prepare(`INSERT INTO identity_codes (id_number, code_hash, issued_at, expires_at, failed_attempts, locked_until)
        VALUES (?, ?, ?, ?, 0, NULL)
        ON CONFLICT (id_number) DO UPDATE SET code_hash = excluded.code_hash, issued_at = excluded.issued_at,
          expires_at = excluded.expires_at, failed_attempts = 0, locked_until = NULL`)
        .run(id, hash(id, code), now.toISOString(), expiresAt);
      this.sms.sendBindingCode(citizen.phone, code, BINDING_RULES.codeValidMinutes);
      return { maskedPhone: maskPhone(citizen.phone), codeLength: BINDING_RULES.codeLength, expiresAt };
    });
  }

  async confirmBinding(channelUserId: string, idNumber: string, code: string): Promise<Binding> {
    const channelUser = check.text(channelUserId, 'channelUserId', 128);
    const id = check.idNumber(idNumber);
    const given = typeof code === 'string' ? code.trim() : '';
    // A wrong code must be counted even though the call fails: decide inside the transaction, throw after commit.
    const outcome = this.store.write((): Binding | PlatformError => {
      const now = this.clock.now().toISOString();
      const row = this.codeRow(id);
      if (row?.locked_until && row.locked_until > now) {
        return new PlatformError('LOCKED', 'binding locked after wrong codes', { lockedUntil: row.locked_until });
      }
      if (!row || row.code_hash === null || row.expires_at <= now) {
        return new PlatformError('CODE_EXPIRED', 'no valid binding code; request a new one');
      }
      if (!sameHash(row.code_hash, hash(id, given))) {
        const failed = row.failed_attempts + 1;
        if (failed >= BINDING_RULES.maxWrongCodes) {
          const lockedUntil = new Date(Date.parse(now) + BINDING_RULES.lockMinutes * 60_000).toISOString();
          this.store.db.prepare('UPDATE identity_codes SET failed_attempts = ?, code_hash = NULL, locked_until = ? WHERE id_number = ?')
            .run(failed, lockedUntil, id);
          return new PlatformError('LOCKED', 'third wrong binding code; locked', { lockedUntil, lockMinutes: BINDING_RULES.lockMinutes });
        }
        this.store.db.prepare('UPDATE identity_codes SET failed_attempts = ? WHERE id_number = ?').run(failed, id);
        return new PlatformError('CODE_WRONG', 'wrong binding code', { attemptsLeft: BINDING_RULES.maxWrongCodes - failed });
      }
      const existing = this.bindingRow(channelUser);
      if (existing && existing.id_number !== id) {
        return new PlatformError('ALREADY_BOUND', 'channel user already bound to another citizen');
      }
      this.store.db.prepare('UPDATE identity_codes SET code_hash = NULL, failed_attempts = 0 WHERE id_number = ?').run(id);
      if (!existing) {
        this.store.db.prepare('INSERT INTO bindings (channel_user_id, id_number, bound_at) VALUES (?, ?, ?)').run(channelUser, id, now);
      }
      const bound = this.bindingRow(channelUser);
      if (!bound) throw new PlatformError('INTERNAL', 'binding vanished');
      return this.toBinding(bound);
    });
    if (outcome instanceof PlatformError) throw outcome;
    return outcome;
  }

  async getBinding(channelUserId: string): Promise<Binding | null> {
    const row = this.bindingRow(check.text(channelUserId, 'channelUserId', 128));
    return row ? this.toBinding(row) : null;
  }

  async requireBinding(channelUserId: string): Promise<Binding> {
    const binding = await this.getBinding(channelUserId);
    if (!binding) throw new PlatformError('NOT_BOUND', 'channel user has no bound identity');
    return binding;
  }

  private codeRow(id: string): CodeRow | undefined {
    return this.store.db.prepare('SELECT * FROM identity_codes WHERE id_number = ?').get(id) as CodeRow | undefined;
  }

  private bindingRow(channelUserId: string): BindingRow | undefined {
    return this.store.db.prepare(`SELECT b.channel_user_id, b.id_number, b.bound_at, c.name, c.phone
      FROM bindings b JOIN citizens c ON c.id_number = b.id_number WHERE b.channel_user_id = ?`).get(channelUserId) as BindingRow | undefined;
  }

  private toBinding(r: BindingRow): Binding {
    return { channelUserId: r.channel_user_id, idNumber: r.id_number, name: r.name, maskedPhone: maskPhone(r.phone), boundAt: r.bound_at };
  }
}
