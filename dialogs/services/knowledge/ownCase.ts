/**
 * Whether a rule question is about the asker's own case (「我科目二挂了多久能补考」, "I failed my road test…"):
 * then the answer may offer the transaction. Questions in general (「科目二挂了多久能补考」) are only answered.
 */
export function ownCase(text: string): boolean {
  return /我|咱|本人/.test(text) || /\b(i|i'm|i've|my|me)\b/i.test(text);
}
