import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../clock';
import { PlatformError } from '../errors';
import type { Binding, BindingChallenge, IdentityPort } from './types';
import { check } from '../sandbox/check';
import { maskPhone } from '../../privacy/maskPhone';
import type { SandboxSms } from '../sms/SandboxSms';
import type { SandboxStore } from '../sandbox/store';

/**
 * Binding codes: wrong codes lock one channel user's attempt on one ID number (never the ID number for everyone);
 * sending is limited per ID number (the citizen's phone) and per channel user, so nobody can flood a citizen with SMS.
 */
const BINDING_RULES = {
  codeLength: 6,
  codeValidMinutes: 5,
  /** Least time between two codes to the same ID number, whoever asks. */
  resendAfterSeconds: 60,
  maxWrongCodes: 3,
  lockMinutes: 10,
  /** Codes sent to one ID number's phone within an hour, whoever asks. */
  codesPerIdPerHour: 3,
  /** Code requests of one channel user within an hour (sent or refused for a wrong name): no probing of ID + name pairs. */
  requestsPerUserPerHour: 5,
} as const;

const HOUR_MS = 3600_000;

interface CodeRow {
  channel_user_id: string;
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

/** An hour after the oldest request still counted: when the next one is allowed. */
function hourAfter(oldest: string | null, now: Date): string {
  return new Date((oldest ? Date.parse(oldest) : now.getTime()) + HOUR_MS).toISOString();
}

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** Binding a channel user (WeChat openid) to a citizen with ID number + name + SMS code. */
export class SandboxIdentity implements IdentityPort {
  static readonly rules = BINDING_RULES;

  constructor(private readonly store: SandboxStore, private readonly clock: Clock, private readonly sms: SandboxSms) {}

  async startBinding(channelUserId: string, idNumber: string, name: string): Promise<BindingChallenge> {
    const channelUser = check.text(channelUserId, 'channelUserId', 128);
    const id = check.idNumber(idNumber);
    const fullName = check.text(name, 'name', 32);
    // A request refused for the name is counted even though the call fails: decide inside the transaction, throw after commit.
    const outcome = this.store.write((): BindingChallenge | PlatformError => {
      const now = this.clock.now();
      const hourAgo = new Date(now.getTime() - HOUR_MS).toISOString();
      const byUser = this.store.db.prepare(`SELECT COUNT(*) AS n, MIN(requested_at) AS oldest FROM identity_code_requests
        WHERE channel_user_id = ? AND requested_at > ?`).get(channelUser, hourAgo) as { n: number; oldest: string | null };
      if (byUser.n >= BINDING_RULES.requestsPerUserPerHour) {
        return new PlatformError('RATE_LIMITED', 'too many binding code requests from this channel user', {
          reason: 'user', retryAt: hourAfter(byUser.oldest, now),
        });
      }
      const citizen = this.store.db.prepare('SELECT name, phone FROM citizens WHERE id_number = ?').get(id) as
        { name: string; phone: string } | undefined;
      if (!citizen || citizen.name !== fullName) {
        this.recordRequest(channelUser, id, false, now);
        return new PlatformError('IDENTITY_MISMATCH', 'no citizen with this ID number and name');
      }
      const prior = this.codeRow(channelUser, id);
      if (prior?.locked_until && prior.locked_until > now.toISOString()) {
        return new PlatformError('LOCKED', 'binding locked after wrong codes', { lockedUntil: prior.locked_until });
      }
      const sent = this.store.db.prepare(`SELECT COUNT(*) AS n, MIN(requested_at) AS oldest, MAX(requested_at) AS latest
        FROM identity_code_requests WHERE id_number = ? AND sent = 1 AND requested_at > ?`).get(id, hourAgo) as
        { n: number; oldest: string | null; latest: string | null };
      if (sent.latest) {
        const waited = (now.getTime() - Date.parse(sent.latest)) / 1000;
        if (waited < BINDING_RULES.resendAfterSeconds) {
          return new PlatformError('RATE_LIMITED', 'binding code requested again too soon', {
            retryAfterSeconds: Math.ceil(BINDING_RULES.resendAfterSeconds - waited),
          });
        }
      }
      if (sent.n >= BINDING_RULES.codesPerIdPerHour) {
        return new PlatformError('RATE_LIMITED', 'too many binding codes sent to this ID number', {
          reason: 'id', retryAt: hourAfter(sent.oldest, now),
        });
      }
      const code = String(randomInt(0, 10 ** BINDING_RULES.codeLength)).padStart(BINDING_RULES.codeLength, '0');
      const expiresAt = new Date(now.getTime() + BINDING_RULES.codeValidMinutes * 60_000).toISOString();
      this.store.db.prepare(`INSERT INTO identity_codes (channel_user_id, id_number, code_hash, issued_at, expires_at, failed_attempts, locked_until)
        VALUES (?, ?, ?, ?, ?, 0, NULL)
        ON CONFLICT (channel_user_id, id_number) DO UPDATE SET code_hash = excluded.code_hash, issued_at = excluded.issued_at,
          expires_at = excluded.expires_at, failed_attempts = 0, locked_until = NULL`)
        .run(channelUser, id, hash(id, code), now.toISOString(), expiresAt);
      this.recordRequest(channelUser, id, true, now);
      this.sms.sendBindingCode(citizen.phone, code, BINDING_RULES.codeValidMinutes);
      return { maskedPhone: maskPhone(citizen.phone), codeLength: BINDING_RULES.codeLength, expiresAt };
    });
    if (outcome instanceof PlatformError) throw outcome;
    return outcome;
  }

  async confirmBinding(channelUserId: string, idNumber: string, code: string): Promise<Binding> {
    const channelUser = check.text(channelUserId, 'channelUserId', 128);
    const id = check.idNumber(idNumber);
    const given = typeof code === 'string' ? code.trim() : '';
    // A wrong code must be counted even though the call fails: decide inside the transaction, throw after commit.
    const outcome = this.store.write((): Binding | PlatformError => {
      const now = this.clock.now().toISOString();
      // Only the code sent for this channel user's own request counts: nobody can guess at somebody else's.
      const row = this.codeRow(channelUser, id);
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
          this.store.db.prepare(`UPDATE identity_codes SET failed_attempts = ?, code_hash = NULL, locked_until = ?
            WHERE channel_user_id = ? AND id_number = ?`).run(failed, lockedUntil, channelUser, id);
          return new PlatformError('LOCKED', 'third wrong binding code; locked', { lockedUntil, lockMinutes: BINDING_RULES.lockMinutes });
        }
        this.store.db.prepare('UPDATE identity_codes SET failed_attempts = ? WHERE channel_user_id = ? AND id_number = ?')
          .run(failed, channelUser, id);
        return new PlatformError('CODE_WRONG', 'wrong binding code', { attemptsLeft: BINDING_RULES.maxWrongCodes - failed });
      }
      const existing = this.bindingRow(channelUser);
      if (existing && existing.id_number !== id) {
        return new PlatformError('ALREADY_BOUND', 'channel user already bound to another citizen');
      }
      this.store.db.prepare('UPDATE identity_codes SET code_hash = NULL, failed_attempts = 0 WHERE channel_user_id = ? AND id_number = ?')
        .run(channelUser, id);
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

  async unbind(channelUserId: string): Promise<Binding | null> {
    const channelUser = check.text(channelUserId, 'channelUserId', 128);
    return this.store.write((): Binding | null => {
      const row = this.bindingRow(channelUser);
      if (!row) return null;
      this.store.db.prepare('DELETE FROM bindings WHERE channel_user_id = ?').run(channelUser);
      return this.toBinding(row);
    });
  }

  async boundUsers(idNumber: string): Promise<string[]> {
    const id = check.idNumber(idNumber);
    if (!this.store.db.prepare('SELECT 1 FROM citizens WHERE id_number = ?').get(id)) {
      throw new PlatformError('NOT_FOUND', 'no such citizen', { entity: 'citizen' });
    }
    const rows = this.store.db.prepare('SELECT channel_user_id FROM bindings WHERE id_number = ? ORDER BY bound_at, channel_user_id')
      .all(id) as Array<{ channel_user_id: string }>;
    return rows.map((r) => r.channel_user_id);
  }

  private codeRow(channelUser: string, id: string): CodeRow | undefined {
    return this.store.db.prepare('SELECT * FROM identity_codes WHERE channel_user_id = ? AND id_number = ?').get(channelUser, id) as
      CodeRow | undefined;
  }

  private recordRequest(channelUser: string, id: string, sent: boolean, now: Date): void {
    this.store.db.prepare('INSERT INTO identity_code_requests (channel_user_id, id_number, sent, requested_at) VALUES (?, ?, ?, ?)')
      .run(channelUser, id, sent ? 1 : 0, now.toISOString());
  }

  private bindingRow(channelUserId: string): BindingRow | undefined {
    return this.store.db.prepare(`SELECT b.channel_user_id, b.id_number, b.bound_at, c.name, c.phone
      FROM bindings b JOIN citizens c ON c.id_number = b.id_number WHERE b.channel_user_id = ?`).get(channelUserId) as BindingRow | undefined;
  }

  private toBinding(r: BindingRow): Binding {
    return { channelUserId: r.channel_user_id, idNumber: r.id_number, name: r.name, maskedPhone: maskPhone(r.phone), boundAt: r.bound_at };
  }
}
