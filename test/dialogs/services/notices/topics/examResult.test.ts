import '../../../../../dialogs/services';
import type { ExamEligibility, ExamSubject, TrafficPlatform } from '../../../../../integrations/platform/types';
import type { ExamResultEvent } from '../../../../../integrations/platform/events/types';
import { EXAM_RESULT } from '../../../../../dialogs/services/notices/topics/examResult';

const TODAY = '2026-12-02';
const NOW = Date.parse('2026-12-02T15:00:00+08:00');

function event(subject: ExamSubject, passed: boolean, score?: number): ExamResultEvent {
  return {
    id: '7', type: 'exam.result', at: new Date(NOW).toISOString(), idNumber: '320102199003071239',
    data: { bookingId: 'EB1', subject, date: TODAY, passed, ...(score === undefined ? {} : { score }) },
  };
}

/** The platform's answer for the next exam: eligible now, or the first rule and its earliest date. */
function platform(answer: (subject: ExamSubject) => Omit<ExamEligibility, 'subject' | 'date'>): TrafficPlatform {
  return { exams: { eligibility: async (_id: string, subject: ExamSubject, date: string) => ({ subject, date, ...answer(subject) }) } } as unknown as TrafficPlatform;
}

/** The notice as the citizen reads it: "label：value" lines and its next step. */
async function told(e: ExamResultEvent, p: TrafficPlatform): Promise<{ lines: string[]; action: string }> {
  const [due] = await EXAM_RESULT.fromEvent!(e, { platform: p, now: NOW, today: TODAY });
  const r = EXAM_RESULT.render(due.payload, 'zh-CN', TODAY);
  return { lines: EXAM_RESULT.template.fields.map((f) => `${f.label['zh-CN']}：${r.fields[f.key]}`), action: r.action };
}

describe('the exam result notice says what comes next', () => {
  it.each([
    ['passed 科目二 (92), 科目三 bookable today', event(2, true, 92), platform(() => ({ eligible: true, reason: null, earliestDate: null })),
      ['考试科目：科目二', '考试日期：12月2日（周三）', '考试结果：合格（92分）', '下一步：可预约科目三，最早12月2日（周三）。回复「预约考试」'], '预约考试'],
    ['passed 科目一, 科目二 after the permit waiting time', event(1, true),
      platform(() => ({ eligible: false, reason: { code: 'PERMIT_TOO_NEW', details: {} }, earliestDate: '2026-12-12' })),
      ['考试科目：科目一', '考试日期：12月2日（周三）', '考试结果：合格', '下一步：可预约科目二，最早12月12日（周六）。回复「预约考试」'], '预约考试'],
    ['passed 科目四: all four done', event(4, true, 96), platform(() => { throw new Error('not asked'); }),
      ['考试科目：科目四', '考试日期：12月2日（周三）', '考试结果：合格（96分）', '下一步：四个科目都已合格，请按驾校通知领取驾驶证'], '预约考试'],
  ] as const)('%s', async (_name, e, p, lines, action) => {
    expect(await told(e, p)).toEqual({ lines, action });
  });

  it('failed: the retake rule in the words of the refusal, and the earliest retake', async () => {
    const p = platform(() => ({
      eligible: false, earliestDate: '2026-12-13',
      reason: { code: 'RETAKE_TOO_SOON', details: { subject: 2, lastFailedOn: TODAY, minDays: 10, earliestDate: '2026-12-13' } },
    }));
    const { lines, action } = await told(event(2, false, 70), p);
    expect(lines[2]).toBe('考试结果：不合格（70分）');
    expect(lines[3]).toMatch(/^下一步：.*未通过，需间隔10日以上才能补考，最早.*12月13日.*回复「预约补考」$/);
    expect(action).toBe('预约补考');
  });
});
