/**
 * Day number of a weekday (0 = Monday … 6 = Sunday) relative to `today` (a day number), weeks
 * starting on Monday. `weekShift` 1 = next week, -1 = last week, 2 = the week after next;
 * without it, the coming one: this week's if today or later, else next week's.
 */
export function resolveWeekday(today: number, weekday: number, weekShift?: number): number {
  const todayWeekday = (((today + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  const monday = today - todayWeekday;
  if (weekShift === undefined) {
    const thisWeek = monday + weekday;
    return thisWeek >= today ? thisWeek : thisWeek + 7;
  }
  return monday + 7 * weekShift + weekday;
}
