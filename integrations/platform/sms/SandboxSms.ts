import type { Clock } from '../../clock';
import type { SmsMessage, SmsPort } from './types';
import { check } from '../sandbox/check';
import type { SandboxStore } from '../sandbox/store';

interface OutboxRow {
  message_id: number;
  phone: string;
  template: 'binding-code';
  params: string;
  text: string;
  sent_at: string;
}

/** The sandbox SMS gateway: keeps an outbox instead of sending. */
export class SandboxSms implements SmsPort {
  constructor(private readonly store: SandboxStore, private readonly clock: Clock) {}

  /** Records a binding code message (the platform's own SMS wording, not the bot's). */
  sendBindingCode(phone: string, code: string, validMinutes: number): void {
    const text = `【江苏公安交管】您正在绑定交管服务账号，验证码${code}，${validMinutes}分钟内有效，请勿泄露。`;
    this.store.db
      .prepare('INSERT INTO sms_outbox (phone, template, params, text, sent_at) VALUES (?, ?, ?, ?, ?)')
      .run(phone, 'binding-code', JSON.stringify({ code, validMinutes: String(validMinutes) }), text, this.clock.now().toISOString());
  }

  async outbox(phone: string): Promise<SmsMessage[]> {
    const p = check.phone(phone);
    const rows = this.store.db
      .prepare('SELECT * FROM sms_outbox WHERE phone = ? ORDER BY message_id DESC')
      .all(p) as OutboxRow[];
    return rows.map((r) => {
      const params: unknown = JSON.parse(r.params);
      return {
        messageId: String(r.message_id),
        phone: r.phone,
        template: r.template,
        params: params as Record<string, string>,
        text: r.text,
        sentAt: r.sent_at,
      };
    });
  }
}
