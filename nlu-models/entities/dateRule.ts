/**
 * One way of writing a date: a global pattern, and how a match resolves to a day number
 * (days since 1970-01-01) given today's; undefined rejects the match (e.g. 2月30日).
 */
export interface DateRule {
  readonly pattern: RegExp;
  readonly resolve: (match: RegExpExecArray, today: number) => number | undefined;
}
