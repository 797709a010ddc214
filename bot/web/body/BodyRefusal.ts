/** Why a request body was refused before its route ran; the status and stable code are what the client sees. */
export type BodyRefusalCode = 'UNSUPPORTED_MEDIA_TYPE' | 'BODY_TOO_LARGE' | 'MALFORMED_JSON' | 'BODY_NOT_UTF8';

export class BodyRefusal extends Error {
  constructor(readonly status: 400 | 413 | 415, readonly code: BodyRefusalCode, message: string) {
    super(message);
    this.name = 'BodyRefusal';
  }
}
