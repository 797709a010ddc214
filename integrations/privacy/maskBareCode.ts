/** A message that is only a short code: an SMS verification code, a VIN's last six characters. */
const BARE_CODE = /^\s*(?=[0-9A-Za-z]{4,8}\s*$)(?=[A-Za-z]*\d)[0-9A-Za-z]{4,8}\s*$/;
/** 4–8 digits soon after a word naming a code: 「验证码是 5203」, "code: 520394". */
const NAMED_CODE = /(验证码|校验码|动态码|短信码|code)([^0-9A-Za-z]{0,8})\d{4,8}(?![0-9A-Za-z])/gi;
/** Six digits standing alone in a sentence: the length of the binding code (and of a VIN tail). */
const SIX_DIGITS = /(?<![0-9A-Za-z])\d{6}(?![0-9A-Za-z])/g;

/**
 * What a citizen types to prove who they are (the SMS code, a VIN suffix) is of no use to the hotline agent who
 * reads the transcript and must not be replayable from it: a message that is only a code becomes `******`, and so
 * does a code inside a sentence (six digits standing alone, or digits right after 「验证码」/"code").
 * Other personal data is left to maskPii.
 */
export function maskBareCode(text: string): string {
  if (BARE_CODE.test(text)) return '*'.repeat(6);
  return text.replace(NAMED_CODE, (_m, word: string, between: string) => `${word}${between}******`).replace(SIX_DIGITS, '******');
}
