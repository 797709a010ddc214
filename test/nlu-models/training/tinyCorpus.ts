import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Corpus } from '../../../nlu-models/corpus/types';
import type { Example } from '../../../nlu-models/model/trainModel';

/** A tiny two-language training set (3 intents + None, 8 utterances each per locale), small enough to train in a second. */
export const TINY: Record<string, Record<string, { domain: string; utterances: string[]; tests?: string[] }>> = {
  'zh-CN': {
    'fine.query': {
      domain: 'fine',
      utterances: ['查违章', '我有没有违章', '帮我查一下罚单', '查询交通违法记录', '我的车有没有被拍', '看看有没有违章记录', '最近有没有违法', '违章查询'],
      tests: ['查查我的违章'],
    },
    'exam.book': {
      domain: 'exam',
      utterances: ['预约科目一考试', '我想约考', '帮我预约驾照考试', '预约科目三', '我要报名考试', '约个科目二', '考试预约', '想考驾照怎么预约'],
      tests: ['帮我约个考试'],
    },
    greet: { domain: 'service', utterances: ['你好', '您好', '早上好', '嗨', '哈喽', '在吗', '晚上好', '你好啊'] },
    None: { domain: 'none', utterances: ['今天天气怎么样', '给我讲个笑话', '推荐一家餐厅', '股票行情如何', '播放音乐', '我想订外卖', '明天会下雨吗', '帮我写首诗'] },
  },
  en: {
    'fine.query': {
      domain: 'fine',
      utterances: ['check my fines', 'do I have any traffic violations', 'look up my tickets', 'any speeding tickets', 'show my violations', 'traffic fine lookup', 'did I get a ticket', 'check violation records'],
    },
    'exam.book': {
      domain: 'exam',
      utterances: ['book a driving test', 'I want to schedule my exam', 'book subject one exam', 'reserve a road test', 'sign up for the driving exam', 'make an exam appointment', 'schedule a test', 'I need to book my license exam'],
    },
    greet: { domain: 'service', utterances: ['hello', 'hi', 'good morning', 'hey there', 'good evening', 'hi bot', 'hello there', 'hey'] },
    None: { domain: 'none', utterances: ["what's the weather", 'tell me a joke', 'recommend a restaurant', 'stock prices today', 'play some music', 'order a pizza', 'will it rain tomorrow', 'write a poem'] },
  },
};

/** An FAQ intent that is not in TINY: added by tests to see a new intent go live. */
export const OFFICE_HOURS = {
  name: 'faq.office_hours',
  utterances: ['你们几点上班', '车管所几点开门', '办公时间是几点', '周末上班吗', '几点下班', '中午休息吗', '营业时间', '什么时候可以去办事'],
  answers: { 'zh-CN': ['车管所工作时间：周一至周五8:30-17:00'], en: ['Open Monday to Friday, 8:30-17:00'] },
};

export function tinyExamples(): { train: Example[]; tests: Example[] } {
  const train: Example[] = [];
  const tests: Example[] = [];
  for (const [locale, intents] of Object.entries(TINY)) {
    for (const [intent, d] of Object.entries(intents)) {
      for (const text of d.utterances) train.push({ text, intent, locale });
      for (const text of d.tests ?? []) tests.push({ text, intent, locale });
    }
  }
  return { train, tests };
}

export function tinyIntents(): string[] {
  return [...new Set(Object.values(TINY).flatMap((i) => Object.keys(i)))].sort();
}

/** TINY as corpus files `<dir>/<locale>/<domain>.json`; returns the file paths. */
export function writeTinyCorpora(dir: string): string[] {
  const files: string[] = [];
  for (const [locale, intents] of Object.entries(TINY)) {
    const byDomain = new Map<string, Corpus>();
    for (const [intent, d] of Object.entries(intents)) {
      const corpus = byDomain.get(d.domain) ?? { name: `tiny ${locale} ${d.domain}`, locale, data: [] };
      corpus.data.push({ intent, description: `${intent} (tiny)`, utterances: d.utterances, ...(d.tests ? { tests: d.tests } : {}) });
      byDomain.set(d.domain, corpus);
    }
    mkdirSync(join(dir, locale), { recursive: true });
    for (const [domain, corpus] of byDomain) {
      const file = join(dir, locale, `${domain}.json`);
      writeFileSync(file, JSON.stringify(corpus));
      files.push(file);
    }
  }
  return files;
}
