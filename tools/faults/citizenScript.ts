import type { FaultCitizen } from './seedCitizens';

/** The services a fault-run citizen goes through: book 科目二, pay the decision. */
export type Goal = 'exam' | 'fine';

/** What the citizen sends next. `sms`: the SMS code from the sandbox outbox; `restart`: ask for the current service again. */
export interface Outgoing {
  text: string;
  /** The answer to a confirmation question (是): the step that books or pays. */
  confirming: boolean;
  sms?: boolean;
  restart?: boolean;
}

export interface Step {
  /** The reply told the citizen what to do (or that a service is done); false: wait for more, or start over. */
  actionable: boolean;
  completed: Goal[];
  /** The exam flow ended with "you already have a booking": booked, the number never shown. */
  untold: boolean;
  next?: Outgoing;
  restart?: boolean;
  waitMs?: number;
}

const BOOKED = /预约编号：EB\d+/;
const PAID = /支付单号：?PAY\d+/;
const ALREADY_BOOKED = /同一科目只能有一条有效预约/;
const TRY_LATER = /(\d+)秒后再试/;

const say = (text: string, confirming = false): Outgoing => ({ text, confirming });

/** Prompts of the bot's catalogue (dialogs/i18n/zh-CN) and the citizen's answer to each. */
const PROMPTS: ReadonlyArray<{ re: RegExp; answer: (c: FaultCitizen) => Outgoing }> = [
  { re: /确认预约吗|再提交一次吗/g, answer: () => say('是', true) },
  { re: /确认现在缴纳|确认缴纳/g, answer: () => say('是', true) },
  { re: /还有名额的场次如下|请点选一个场次/g, answer: () => say('1') },
  { re: /可约的考试日期如下|请点选下面的日期/g, answer: () => say('1') },
  { re: /要预约哪个科目|请点选科目/g, answer: () => say('科目二') },
  { re: /18位身份证号/g, answer: (c) => say(c.idNumber) },
  { re: /身份证上的姓名|姓名应为/g, answer: (c) => say(c.name) },
  { re: /位验证码|验证码是\d+位/g, answer: () => ({ text: '', confirming: false, sms: true }) },
  { re: /请输入处罚决定书编号|重新输入决定书编号|决定书编号是15或16位/g, answer: (c) => say(c.decisionNumber) },
];

function lastIndex(text: string, re: RegExp): number {
  let last = -1;
  for (const m of text.matchAll(re)) last = m.index ?? last;
  return last;
}

/** Reads the bot's answer the way the citizen would: a service done, or the last question asked. */
export function decide(reply: string, remaining: readonly Goal[], citizen: FaultCitizen): Step {
  const completed: Goal[] = [];
  let untold = false;
  if (remaining.includes('exam') && BOOKED.test(reply)) completed.push('exam');
  else if (remaining.includes('exam') && ALREADY_BOOKED.test(reply)) {
    completed.push('exam');
    untold = true;
  }
  if (remaining.includes('fine') && PAID.test(reply)) completed.push('fine');
  if (completed.length) return { actionable: true, completed, untold };
  const wait = TRY_LATER.exec(reply);
  if (wait) return { actionable: true, completed, untold, restart: true, waitMs: Number(wait[1]) * 1000 + 500 };
  let best: { index: number; out: Outgoing } | undefined;
  for (const p of PROMPTS) {
    const i = lastIndex(reply, p.re);
    if (i >= 0 && (!best || i > best.index)) best = { index: i, out: p.answer(citizen) };
  }
  return best ? { actionable: true, completed, untold, next: best.out } : { actionable: false, completed, untold };
}
