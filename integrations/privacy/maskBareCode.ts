/** A message that is only a short code: an SMS verification code, a VIN's last six characters. */
const BARE_CODE = /^\s*(?=[0-9A-Za-z]{4,8}\s*$)(?=[A-Za-z]*\d)[0-9A-Za-z]{4,8}\s*$/;

/**
 * What a citizen types alone to prove who they are (the 6-digit SMS code, a VIN suffix) is of no use to the
 * hotline agent who reads the transcript and must not be replayable from it: the whole message becomes `******`.
 * Text with anything else in it is left to maskPii.
 */
export function maskBareCode(text: string): string {
  return BARE_CODE.test(text) ? '*'.repeat(6) : text;
}
