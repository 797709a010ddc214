/** The identity port: binding a channel user to a citizen (ID number + name + SMS code). */
import type { Instant } from '../commonTypes';

export interface BindingChallenge {
  /** The phone on file, masked: '139****5678'. */
  readonly maskedPhone: string;
  readonly codeLength: number;
  readonly expiresAt: Instant;
}

export interface Binding {
  readonly channelUserId: string;
  readonly idNumber: string;
  readonly name: string;
  readonly maskedPhone: string;
  readonly boundAt: Instant;
}

export interface IdentityPort {
  /**
   * Sends an SMS code to the phone on file for this ID number + name, for this channel user's binding only.
   * Errors: IDENTITY_MISMATCH, LOCKED (this channel user's attempt on this ID), RATE_LIMITED (details.retryAfterSeconds
   * between two codes to one ID; details.reason 'id' | 'user' and details.retryAt for the hourly limits).
   */
  startBinding(channelUserId: string, idNumber: string, name: string): Promise<BindingChallenge>;
  /**
   * Checks the code sent for this channel user's own startBinding. Errors: CODE_WRONG (details.attemptsLeft), LOCKED
   * after the third wrong code (details.lockedUntil; only this channel user's attempt on this ID), CODE_EXPIRED, ALREADY_BOUND.
   */
  confirmBinding(channelUserId: string, idNumber: string, code: string): Promise<Binding>;
  getBinding(channelUserId: string): Promise<Binding | null>;
  /** Like getBinding but throws NOT_BOUND when the channel user has no bound identity. */
  requireBinding(channelUserId: string): Promise<Binding>;
  /**
   * Removes the channel user's binding (the citizen's records stay as they are; binding again needs a new SMS code).
   * Answers the binding removed, or null when there was none (so a repeated call changes nothing and says so).
   */
  unbind(channelUserId: string): Promise<Binding | null>;
  /**
   * The channel user ids bound to this citizen now (e.g. ['wechat:o_sandbox_lina']), oldest binding first; [] when
   * none: whom to tell about something that concerns the citizen (a new violation, an exam result).
   * Errors: NOT_FOUND (details.entity 'citizen') for an ID number of nobody on file.
   */
  boundUsers(idNumber: string): Promise<string[]>;
}
