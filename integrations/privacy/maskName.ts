/** Masks a person's name: the first character stays (李娜 → 李*, 欧阳娜娜 → 欧***). */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}
