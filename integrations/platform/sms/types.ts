/** The SMS port: the sandbox gateway's outbox (messages it "sent"). */
import type { Instant } from '../commonTypes';

export interface SmsMessage {
  readonly messageId: string;
  readonly phone: string;
  readonly template: 'binding-code';
  readonly params: Readonly<Record<string, string>>;
  readonly text: string;
  readonly sentAt: Instant;
}

export interface SmsPort {
  /** Messages the sandbox gateway "sent" to the phone, newest first. */
  outbox(phone: string): Promise<SmsMessage[]>;
}
