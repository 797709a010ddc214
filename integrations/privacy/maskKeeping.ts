/**
 * Replaces the "significant" characters of a value by `*`, except the first `keepStart` and the last
 * `keepEnd` of them; other characters (separators) stay where they are.
 * Shared by the mask* helpers of this folder.
 */
export function maskKeeping(value: string, keepStart: number, keepEnd: number, significant: RegExp): string {
  const chars = Array.from(value);
  const total = chars.filter((c) => significant.test(c)).length;
  let seen = 0;
  return chars
    .map((c) => {
      if (!significant.test(c)) return c;
      const index = seen++;
      return index < keepStart || index >= total - keepEnd ? c : '*';
    })
    .join('');
}
