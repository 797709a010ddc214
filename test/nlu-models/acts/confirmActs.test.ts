import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActModel } from '../../../nlu-models/acts/ActModel';
import { ActCorpusFormatError, loadActCorpora, parseActCorpus } from '../../../nlu-models/acts/corpus/loadActCorpus';
import { ensureActModel } from '../../../nlu-models/acts/ensureActModel';
import { classifyConfirmAct, projectActModel } from '../../../nlu-models/acts';
import { ACT_MODEL_FILE } from '../../../nlu-models/acts/paths';
import { evaluateActModel } from '../../../nlu-models/acts/trainActModel';
import { CONFIRM_PURPOSES, type ConfirmAct, type ConfirmPurpose } from '../../../nlu-models/acts/types';
import { normalizeText } from '../../../nlu-models/text/normalize';

const corpora = loadActCorpora();

describe('what a citizen means by a reply to a yes/no question', () => {
  // What the citizen types, what was being confirmed, and whether the bot should take it as yes, no or neither.
  it.each<[string, ConfirmPurpose, ConfirmAct]>([
    ['取消吧', 'cancel', 'affirm'],
    ['取消吧', 'book', 'deny'],
    ['取消', 'pay', 'deny'],
    ['对取消', 'cancel', 'affirm'],
    ['撤了吧', 'cancel', 'affirm'],
    ['不取消了', 'cancel', 'deny'],
    ['交吧', 'pay', 'affirm'],
    ['嗯 付吧', 'pay', 'affirm'],
    ['确定缴纳', 'pay', 'affirm'],
    ['暂时不交', 'pay', 'deny'],
    ['约吧', 'book', 'affirm'],
    ['对就这个', 'book', 'affirm'],
    ['不约了', 'book', 'deny'],
    ['处理吧', 'handle', 'affirm'],
    ['改吧', 'reschedule', 'affirm'],
    ['解绑吧', 'unbind', 'affirm'],
    ['以后再说', 'generic', 'deny'],
    ['以后再说', 'pay', 'deny'],
    ['先不了', 'book', 'deny'],
    ['不了谢谢', 'generic', 'deny'],
    ['可以', 'generic', 'affirm'],
    ['中', 'book', 'affirm'],
    ['得嘞', 'pay', 'affirm'],
    ['阔以', 'generic', 'affirm'],
    ['系', 'book', 'affirm'],
    ['唔要', 'book', 'deny'],
    ['恩', 'generic', 'affirm'],
    ['👍', 'pay', 'affirm'],
    ['怎么交', 'pay', 'other'],
    ['换到上午', 'book', 'other'],
    ['查记分', 'generic', 'other'],
    ['320102199003071239', 'generic', 'other'],
    ['320102199003071239', 'pay', 'other'],
    ['苏A12345', 'handle', 'other'],
    ['转人工', 'cancel', 'other'],
    ['返回上一步', 'book', 'other'],
    ['asdf', 'generic', 'other'],
    ['yes please', 'generic', 'affirm'],
    ['cancel it', 'cancel', 'affirm'],
    ['cancel', 'book', 'deny'],
    ['pay it', 'pay', 'affirm'],
    ['maybe later', 'pay', 'deny'],
    ['how do i pay', 'pay', 'other'],
  ])('「%s」 at a %s confirmation is %s', (text, purpose, act) => {
    expect(classifyConfirmAct(text, purpose).act).toBe(act);
  });

  it('gives the probability of the act it chose, and calls an empty reply "other"', () => {
    const r = classifyConfirmAct('好的', 'generic');
    expect(r.score).toBeGreaterThan(0.5);
    expect(r.score).toBeLessThanOrEqual(1);
    expect(classifyConfirmAct('   ', 'pay')).toEqual({ act: 'other', score: 1 });
    expect(classifyConfirmAct('ＯＫ', 'generic').act).toBe('affirm');
  });

  it('scores at least 97% on the held-out replies it never trained on (≥ 100 per act)', () => {
    for (const act of ['affirm', 'deny', 'other'] as const) {
      expect(corpora.tests.filter((e) => e.act === act).length).toBeGreaterThanOrEqual(100);
    }
    const report = evaluateActModel(projectActModel(), corpora.tests);
    expect(report.accuracy).toBeGreaterThanOrEqual(0.97);
    for (const m of report.perIntent) expect(m.recall).toBeGreaterThanOrEqual(0.95);
  });

  it('reads a reply that means the same at any question the same way at every purpose', () => {
    const model = projectActModel();
    const free = corpora.tests.filter((e) => !e.purpose);
    let right = 0;
    for (const e of free) for (const p of CONFIRM_PURPOSES) if (model.classify(e.text, p).act === e.act) right += 1;
    expect(right / (free.length * CONFIRM_PURPOSES.length)).toBeGreaterThanOrEqual(0.95);
  });
});

describe('the dialogue-act corpus', () => {
  it('has at least 300 training replies per act in each locale', () => {
    for (const locale of ['zh-CN', 'en']) {
      for (const act of ['affirm', 'deny', 'other'] as const) {
        expect(corpora.train.filter((e) => e.locale === locale && e.act === act).length).toBeGreaterThanOrEqual(300);
      }
    }
  });

  it('keeps the held-out replies out of training, even with other punctuation', () => {
    const bare = (t: string) => normalizeText(t).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '') || normalizeText(t);
    const trained = new Set(corpora.train.map((e) => bare(e.text)));
    expect(corpora.tests.filter((e) => trained.has(bare(e.text))).map((e) => e.text)).toEqual([]);
  });

  it('never gives one reply two acts at the same purpose', () => {
    const seen = new Map<string, ConfirmAct>();
    const clashes: string[] = [];
    for (const e of corpora.train) {
      const k = `${e.purpose ?? '*'}|${normalizeText(e.text).toLowerCase()}`;
      if (seen.has(k) && seen.get(k) !== e.act) clashes.push(e.text);
      seen.set(k, e.act);
    }
    expect(clashes).toEqual([]);
  });

  it('says what is wrong with a malformed file', () => {
    expect(() => parseActCorpus({ locale: 'zh-CN', examples: [{ text: '好', act: 'yes' }] }, 'x.json'))
      .toThrow(new ActCorpusFormatError('act corpus x.json: examples[0].act must be one of affirm, deny, other'));
    expect(() => parseActCorpus({ locale: 'zh-CN', examples: [{ text: '交吧', act: 'affirm', purpose: 'fine' }] }, 'x.json'))
      .toThrow(/purpose must be one of generic/);
  });
});

describe('the trained dialogue-act model file', () => {
  it('is trained when missing or when the corpus changes, and reused otherwise', () => {
    const dir = mkdtempSync(join(tmpdir(), 'acts-'));
    const examples = [
      { text: '好的', act: 'affirm' }, { text: '可以', act: 'affirm' }, { text: '不要', act: 'deny' },
      { text: '算了', act: 'deny' }, { text: '几点开始', act: 'other' }, { text: '转人工', act: 'other' },
    ];
    writeFileSync(join(dir, 'zh-CN.json'), JSON.stringify({ locale: 'zh-CN', examples }));
    const file = join(dir, 'acts.model.json');
    expect(ensureActModel(file, dir).trained).toBe(true);
    expect(ensureActModel(file, dir).trained).toBe(false);
    writeFileSync(join(dir, 'zh-CN.json'), JSON.stringify({ locale: 'zh-CN', examples: [...examples, { text: '不用', act: 'deny' }] }));
    expect(ensureActModel(file, dir).trained).toBe(true);
    expect(ActModel.load(file).classify('好的', 'generic').act).toBe('affirm');
  });

  it('loads in well under 300 ms, once per process', () => {
    ensureActModel(ACT_MODEL_FILE);
    const times = [0, 1, 2].map(() => {
      const started = process.hrtime.bigint();
      ActModel.load(ACT_MODEL_FILE);
      return Number(process.hrtime.bigint() - started) / 1e6;
    });
    expect(Math.min(...times)).toBeLessThan(300);
    expect(projectActModel()).toBe(projectActModel());
  });
});

describe('garbage and natural refusals at a confirmation', () => {
  const ALL = CONFIRM_PURPOSES;
  // A garbage answer must never confirm a booking, a payment or a cancellation (nor refuse one): at every purpose it is neither.
  it.each([
    'xyz xyz', 'blah', 'ghjghj', 'asdf', 'hmmmm', '123abc', '?!?', '. . .', '🙂🙂', '啊啊啊', '。。。',
    'qwer qwer', 'kkkk', 'nnnn', 'yyyy', 'zxcvb', '666a', '😅😅😅', '~~~', '!!??', '哦哦哦哦', '火车站', '蓝天白云',
  ])('「%s」 is neither a yes nor a no, whatever was asked', (text) => {
    for (const purpose of ALL) {
      const r = classifyConfirmAct(text, purpose);
      expect(`${purpose}: ${r.act}`).toBe(`${purpose}: other`);
    }
  });

  it('still reads the short yes and no it knows', () => {
    for (const [text, act] of [['y', 'affirm'], ['k', 'affirm'], ['ok', 'affirm'], ['嗯', 'affirm'], ['好好好', 'affirm'], ['对对对', 'affirm'], ['👍', 'affirm'], ['n', 'deny'], ['no', 'deny'], ['不不不', 'deny'], ['👎', 'deny']] as const) {
      expect(`${text}: ${classifyConfirmAct(text, 'book').act}`).toBe(`${text}: ${act}`);
    }
  });

  // What the citizen types, what was being confirmed, and whether the bot should take it as yes, no or neither.
  it.each<[string, ConfirmPurpose, ConfirmAct]>([
    ["that time doesn't work", 'book', 'deny'],
    ['not that one', 'book', 'deny'],
    ["that doesn't suit me", 'book', 'deny'],
    ["can't make it", 'book', 'deny'],
    ['wrong time', 'book', 'deny'],
    ['wrong time', 'reschedule', 'deny'],
    ['这个时间不行', 'book', 'deny'],
    ['那天没空', 'book', 'deny'],
    ['时间不合适', 'book', 'deny'],
    ['时间不合适', 'reschedule', 'deny'],
    ['缴费等等吧', 'pay', 'deny'],
    ['交完多久能处理好', 'book', 'other'],
    ['交完多久能处理好', 'pay', 'other'],
    ['next one', 'book', 'other'],
    ["i'm not the driver", 'generic', 'other'],
    ["i'm not the driver", 'handle', 'other'],
    ['怎么取消', 'book', 'other'],
    ['怎么取消', 'pay', 'other'],
    ['怎么取消', 'handle', 'other'],
    ['怎么取消', 'reschedule', 'other'],
    ['怎么取消', 'unbind', 'other'],
    ['怎么取消', 'select', 'other'],
    ['怎么取消', 'generic', 'other'],
    ['怎么取消', 'cancel', 'other'],
    ['保留预约', 'cancel', 'deny'],
  ])('「%s」 at a %s confirmation is %s', (text, purpose, act) => {
    expect(classifyConfirmAct(text, purpose).act).toBe(act);
  });

  it('reads 「i\'m not the driver」 (who the citizen is not) as neither a yes nor a no, whatever was asked', () => {
    for (const purpose of ALL) expect(`${purpose}: ${classifyConfirmAct("i'm not the driver", purpose).act}`).toBe(`${purpose}: other`);
  });

  it('calls a reply with no word, character or symbol ever seen in a yes or a no "other" with certainty', () => {
    expect(classifyConfirmAct('ghjghj', 'pay')).toEqual({ act: 'other', score: 1 });
    expect(classifyConfirmAct('🙂🙂', 'cancel')).toEqual({ act: 'other', score: 1 });
    expect(classifyConfirmAct('。。。', 'book')).toEqual({ act: 'other', score: 1 });
  });
});
