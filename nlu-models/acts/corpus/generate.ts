/**
 * Writes the dialogue-act training corpora (zh-CN.json, en.json beside this file) from hand-written pieces:
 * acknowledgements, purpose verbs, refusals, deferrals and non-answers, combined the way citizens chain them
 * (「嗯 付吧」「好的，就这个」「no thanks, later」). Seeded, so the output is stable; re-run after editing:
 *
 *   npx tsx nlu-models/acts/corpus/generate.ts
 *
 * The held-out tests (<locale>.test.json) are written by hand and never generated; anything they hold is kept
 * out of the training files.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../../classifier/softmaxRegression';
import { normalizeText } from '../../text/normalize';
import type { ConfirmAct, ConfirmPurpose } from '../types';
import type { ActCorpus, ActExample } from './types';

type Rand = () => number;
type Maker = (r: Rand) => { text: string; purpose?: ConfirmPurpose };

const pick = <T>(r: Rand, a: readonly T[]): T => a[Math.floor(r() * a.length)];
const maybe = (r: Rand, p: number, s: string): string => (r() < p ? s : '');

/** Append an ending unless the text already ends in a particle or punctuation (no 「吧吧」「?.」). */
function end(core: string, suffix: string): string {
  if (/[吧了啊呀的啦哈吗呢]$/u.test(core) && /^[吧了啊呀的啦哈吗呢]/u.test(suffix)) return core;
  if (/[?？!！.。~～]$/u.test(core) && /^[?？!！.。~～,，]/u.test(suffix)) return core;
  return core + suffix;
}

/** Weighted choice among makers. */
function mix(...entries: Array<[number, Maker]>): Maker {
  const total = entries.reduce((s, [w]) => s + w, 0);
  return (r) => {
    let x = r() * total;
    for (const [w, m] of entries) { x -= w; if (x <= 0) return m(r); }
    return entries[entries.length - 1][1](r);
  };
}

// ---------------------------------------------------------------- noise (either locale)

/**
 * Answers that carry no yes or no at all: keyboard mashes (asdf, ghjghj, xyz xyz), random letters and digits
 * (123abc), one letter or character mashed (kkkk, 啊啊啊), runs of emoji or punctuation (🙂🙂, ?!?, 。。。) and
 * random Han strings. A garbage answer must never confirm a booking, a payment or a cancellation.
 */
const KEY_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm', '1234567890'];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
/** Latin strings a mash must not produce: they are yes or no (or their typos) somewhere in the lists. */
const NOT_NOISE = new Set(['ok', 'okk', 'kk', 'k', 'y', 'ye', 'ya', 'yes', 'yea', 'yep', 'yup', 'no', 'na', 'nop', 'nah', 'n', 'np', 'si', 'oui', 'sur', 'aye', 'yas', 'yeh', 'oki', 'ofc', 'noo', 'yse']);
const NOISE_EMOJI = ['🙂', '😊', '😀', '😂', '🤔', '😅', '😳', '😭', '🥲', '😐', '🙃', '😶', '🐶', '🌸', '🎉', '🔥', '😴', '🤷', '😬', '🤣', '😑', '🌚', '🐱', '⭐', '🍉', '🚗', '💤', '😮'];
const NOISE_PUNCT = ['.', '。', '?', '？', '!', '！', '~', '～', '…', ',', '，', '-', '_', '*', '#', '@', '/', '、', '；', ':', '=', '+', '^', '`'];
/** Han characters that say neither yes nor no nor any purpose (no 好行对是嗯不没别交付约改换解取订选认办…). */
const NOISE_HAN = Array.from('天地人山水火车站云风雨花草树书电话猫狗鱼米饭面茶酒街路桥楼门窗桌椅灯笔纸红黄蓝绿白黑东西南北春夏秋冬日月星海河湖石金木土鸡鸭牛羊马鸟虫王李张刘陈杨黄周吴飞龙凤猪兔熊苹果香蕉西瓜葡萄番茄土豆包子饺子汉堡咖啡奶油糖盐醋油肉蛋锅碗瓢盆衣裤鞋帽袜伞床被枕沙发冰箱空调洗衣机手机电脑键盘鼠标耳机相机钢琴吉他足球篮球游泳跑步唱歌跳舞画画');
const MASH_HAN = Array.from('啊哦呃额哈嘿呵喔噢哇诶欸咦嗷呀吧呢啦嘛的了哎唉嘻嘤呜喵汪咚叮');
const randomInt = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const times = (n: number, f: () => string) => Array.from({ length: n }, f).join('');

const keyboardMash: Maker = (r) => {
  const row = pick(r, KEY_ROWS.slice(0, 3));
  const len = randomInt(r, 3, 6);
  const start = randomInt(r, 0, row.length - len);
  let piece = row.slice(start, start + len);
  if (r() < 0.3) piece = Array.from(piece).reverse().join('');
  const shape = r();
  if (shape < 0.3) return { text: `${piece}${piece}` };
  if (shape < 0.45) return { text: `${piece} ${piece}` };
  return { text: piece };
};
const randomLetters: Maker = (r) => {
  const word = () => times(randomInt(r, 2, 6), () => pick(r, Array.from(LETTERS)));
  const text = r() < 0.25 ? `${word()} ${word()}` : word();
  return { text: NOT_NOISE.has(text) ? `${text}${pick(r, Array.from(LETTERS))}${pick(r, Array.from(LETTERS))}q` : text };
};
const lettersAndDigits: Maker = (r) => {
  const letters = times(randomInt(r, 1, 4), () => pick(r, Array.from(LETTERS)));
  const digits = times(randomInt(r, 1, 4), () => pick(r, Array.from('0123456789')));
  const shape = r();
  if (shape < 0.4) return { text: `${digits}${letters}` };
  if (shape < 0.8) return { text: `${letters}${digits}` };
  return { text: `${letters}${digits}${times(randomInt(r, 1, 2), () => pick(r, Array.from(LETTERS)))}` };
};
const oneLetterMash: Maker = (r) => {
  const ch = pick(r, Array.from(`${LETTERS}0123456789`));
  const text = ch.repeat(randomInt(r, 3, 7));
  return { text: r() < 0.2 ? `${text} ${ch.repeat(randomInt(r, 2, 4))}` : text };
};
const hanMash: Maker = (r) => {
  const ch = pick(r, r() < 0.6 ? MASH_HAN : NOISE_HAN);
  return { text: `${ch.repeat(randomInt(r, 3, 6))}${pick(r, ['', '', '', '。', '~', '！', '？'])}` };
};
const emojiRun: Maker = (r) => {
  const shape = r();
  if (shape < 0.5) return { text: pick(r, NOISE_EMOJI).repeat(randomInt(r, 1, 4)) };
  return { text: times(randomInt(r, 2, 4), () => pick(r, NOISE_EMOJI)) };
};
const punctuationRun: Maker = (r) => {
  const shape = r();
  if (shape < 0.4) return { text: pick(r, NOISE_PUNCT).repeat(randomInt(r, 1, 6)) };
  if (shape < 0.6) return { text: times(randomInt(r, 2, 4), () => pick(r, NOISE_PUNCT)).split('').join(' ') };
  return { text: times(randomInt(r, 2, 5), () => pick(r, NOISE_PUNCT)) };
};
const randomHan: Maker = (r) => ({ text: `${times(randomInt(r, 2, 5), () => pick(r, NOISE_HAN))}${pick(r, ['', '', '', '。', '？', '！'])}` });
/** A bare noise answer said at a confirmation: garbage is never a yes or a no, whatever was asked. */
const atAnyPurpose = (m: Maker): Maker => (r) => ({ ...m(r), purpose: r() < 0.5 ? undefined : pick(r, CONFIRM_PURPOSES_ALL) });
const LATIN_NOISE: Array<[number, Maker]> = [
  [3, atAnyPurpose(keyboardMash)], [2.5, atAnyPurpose(randomLetters)], [1.5, atAnyPurpose(lettersAndDigits)], [1.5, atAnyPurpose(oneLetterMash)],
  [1.5, atAnyPurpose(emojiRun)], [1.5, atAnyPurpose(punctuationRun)],
];
const HAN_NOISE: Array<[number, Maker]> = [[2, atAnyPurpose(hanMash)], [2, atAnyPurpose(randomHan)]];

// ---------------------------------------------------------------- zh-CN

const ZH_SEP = ['', '', ' ', '，', ',', '，', ' ', '。'];
const ZH_END = ['', '', '', '', '。', '！', '~', '～', '!', '哈', '呀', '啊', '的', '👍', '🙏', '吧'];
const ZH_POLITE = ['谢谢', '谢谢你', '麻烦了', '麻烦你了', '辛苦了', '感谢', '谢啦', '多谢', '唔该'];

const ZH_ACK = [
  '好', '好的', '好滴', '好嘞', '好哒', '好呀', '好啊', '好得', '好吧', '好好好', '好的好的', '嗯好', '嗯好的',
  '行', '行吧', '行啊', '行的', '行行行', '行吧行吧', '可以', '可以的', '可以可以', '阔以', '可', '可以呀',
  '没问题', '木问题', '没毛病', '冇问题', '问题不大', '没事', '对', '对的', '对对', '对对对', '对啊', '对呀', '没错',
  '是', '是的', '是滴', '是啊', '是呀', '嗯', '嗯嗯', '嗯呐', '恩', '恩恩', '嗯哼', '中', '中中', '得嘞', '得', '得咧',
  '妥', '妥了', '妥妥的', '要得', '要得要得', '成', '成啊', 'ok', 'OK', 'Ok', 'okk', '好 ok', '确定', '确认', '确订',
  '确定的', '确认的', '同意', '我同意', '当然', '当然可以', '必须的', '那必须', '肯定', '肯定的', '那是', '好呗', '行呗',
  '系', '系啊', '系呀', '系嘅', '得啦', '好嘅', '冇问题啦', '👍', '👌', '🙏', '👍👍', '嗯嗯嗯', '对头', '就是', '正确',
  '安排', '安排吧', '整', '嗯呢', '昂', '噢好', '哦好的', 'yes', '是是是', '没意见', '听你的', '行嘞', '好咧',
];
const ZH_GO = [
  '办吧', '办了吧', '就这么办', '就这样', '就这样吧', '就这么定了', '照这个来', '按这个办', '帮我办了', '帮我办吧',
  '提交吧', '确认提交', '提交', '继续', '继续吧', '下一步', '往下走', '弄吧', '搞吧', '搞定它', '整吧', '整呗',
  '走起', '来吧', '那就这样', '就按你说的', '就这个吧', '没问题办吧', '赶紧的', '快点办', '麻烦帮我弄一下',
  '确定办理', '确认办理', '同意办理', '搞起', '冲', '可以办', '马上办', '现在就办', '直接办吧', '就它吧', '定了',
];

/** Words that mean "do it" at one purpose only: yes there, and (for cancel words) no everywhere else. */
const ZH_PURPOSE_YES: Record<Exclude<ConfirmPurpose, 'generic'>, string[]> = {
  pay: [
    '交吧', '付吧', '缴吧', '付了吧', '交了吧', '缴了吧', '确认缴纳', '确定缴纳', '确认支付', '确定支付', '支付吧', '付款',
    '付款吧', '现在交', '现在就交', '马上交', '马上付', '交', '付', '缴', '缴费', '缴费吧', '我交', '我付', '我来交',
    '交了', '付钱', '掏钱吧', '给钱', '交罚款吧', '把罚款交了', '缴纳', '缴纳吧', '确认付款', '立即支付', '去支付',
    '直接付', '交掉', '付掉吧', '一次交清', '交就交吧', '认缴', '同意缴纳', '缴款',
  ],
  cancel: [
    '取消吧', '取消', '对取消', '撤了吧', '撤销吧', '撤销', '确认取消', '确定取消', '取消掉', '帮我取消', '取消就行',
    '退了吧', '退掉', '不考了取消吧', '退约', '取消预约', '撤掉吧', '撤了', '给我取消', '取消它', '取消掉吧',
    '嗯取消', '要取消', '我要取消', '取消了吧', '取消了', '就取消吧', '取消这个', '退了', '不去了取消吧', '同意取消',
    '撤回', '撤回吧', '马上取消', '删了吧', '去掉吧',
  ],
  book: [
    '约吧', '就这个', '订', '订吧', '确定预约', '确认预约', '就约这个', '约这场', '预约吧', '就它了', '报名吧',
    '约', '约了', '约上', '帮我约上', '帮我约', '就约它', '就这场', '就这天', '约这个', '就订这个', '订了吧',
    '预约', '报这个', '就报这场', '抢这个', '就这个时间', '这个时间可以', '这场可以', '约上吧', '确定报名',
    '同意预约', '预约这个', '就约这天', '可以约', '锁定', '定这个',
  ],
  handle: [
    '处理吧', '认了', '我认', '认罚', '确认处理', '处理掉', '办理吧', '处理', '我认罚', '认了吧', '处理了吧', '帮我处理',
    '确定处理', '同意处理', '马上处理', '处理一下', '办了它', '认', '我接受', '接受处罚', '认栽', '认了认了',
    '把违章处理了', '处理了', '现在处理', '一起处理', '全部处理', '都处理了吧', '处理掉吧', '办理',
  ],
  reschedule: [
    '改吧', '换吧', '改期', '确认改期', '就改到这天', '换成这个', '改', '改了吧', '换', '换了吧', '改到这天', '确定改期',
    '帮我改', '帮我改一下', '改这个', '就改这个', '换这场', '就换这个', '同意改期', '改过去', '调吧', '调一下',
    '就调到这天', '换过去', '确认更改', '确定更改', '改时间吧', '就改成这个', '换时间吧', '改成这天吧',
  ],
  unbind: [
    '解绑吧', '解除', '确认解绑', '解除绑定', '解了吧', '解绑', '确定解绑', '帮我解绑', '解除吧', '解掉', '解开吧',
    '同意解绑', '马上解绑', '解绑了吧', '解', '解除了吧', '删掉绑定', '取消绑定', '取消绑定吧', '不绑了解掉',
    '解绑它', '去掉绑定', '把绑定解了', '解除关联', '解绑这个', '确认解除',
  ],
  select: [
    '就选这个', '选这个', '要这个', '就它', '就这个号', '选它', '选', '就要这个', '这个好', '这个可以', '就这个吧',
    '要了', '选了', '就选它', '拿这个', '这个号不错', '就这个号码', '选这个号', '要这个号', '就用这个', '用这个',
    '这个就行', '定这个号', '选定', '确认选号', '确定选这个', '就它了吧',
  ],
};

const ZH_NO = [
  '不', '不要', '不用', '不用了', '不了', '不了谢谢', '不用了谢谢', '先不了', '先不要', '先不用', '暂时不用', '暂时不要',
  '暂时不', '不要了', '不需要', '不需要了', '不必了', '算了', '算了吧', '算了算了', '还是算了', '那算了', '否', '不行',
  '不可以', '不同意', '不确定', '不对', '不是', '错了', '别', '别了', '别别别', '不不不', '不不', '没', '没有', 'no', 'NO',
  '唔要', '唔使', '唔使了', '唔好', '唔系', '唔该唔使', '冇', '不整了', '不整', '莫得', '不得行', '要不得', '不干',
  '拉倒吧', '拉倒', '不弄了', '不搞了', '不办了', '不办', '不想', '不想办', '不想要', '我不要', '我不想', '我不同意',
  '👎', '❌', '🙅', '选否', '否的', '我选否', '不要不要', '不好', '不太想', '不咋想', '还是不了', '不了不了', '先不', '暂不', '暂不需要',
  '不急', '不着急', '不考虑', '免了', '罢了', '不必', '木有', '不用麻烦了', '算了不弄了', '算了不办了',
];
const ZH_LATER = [
  '以后再说', '等会再说', '等会儿再说', '回头再说', '改天再说', '下次吧', '下次再说', '过两天再说', '晚点再说', '晚点吧',
  '再说吧', '先这样', '先放着', '等等再说', '我再想想', '我再考虑考虑', '考虑一下', '让我想想', '想想再说', '还没想好',
  '明天再说吧', '过几天吧', '以后吧', '等我想好了再说', '我先问问家里人', '回头吧', '稍后再说', '等下再说', '等下吧',
  '改日吧', '有空再说', '先不急', '不着急以后再弄', '先缓缓', '缓一缓', '再等等', '等等吧', '等一等', '再等等吧', '等两天',
  '过阵子吧', '过段时间再说', '等一阵再说', '过些天吧', '先等等',
];

const ZH_PURPOSE_NO: Record<Exclude<ConfirmPurpose, 'generic'>, string[]> = {
  pay: [
    '暂时不交', '先不交', '不交', '不交了', '不付', '先不付', '不缴', '晚点交', '过几天再交', '等发工资再交', '现在不交',
    '不想交', '下个月再交', '先不缴', '暂不缴纳', '不付了', '现在没钱', '没钱交', '以后交', '回头再交', '先不付款',
    '不缴了', '晚点再付', '明天再交', '等等再交', '不着急交', '先别扣钱', '别扣款', '暂时不缴', '改天再交',
  ],
  cancel: [
    '不取消', '不取消了', '别取消', '先不取消', '不撤', '保留', '留着', '还是考吧', '不退了', '我还要考', '保留预约',
    '不要取消', '别撤', '别给我取消', '还是留着吧', '不撤了', '先留着', '我还考', '还去考', '继续考', '不退',
    '先别取消', '取消不了', '别退', '不用取消', '不用取消了', '留着吧', '还是保留吧', '不想取消', '我不取消',
  ],
  book: [
    '取消', '取消吧', '不约了', '不约', '先不约', '不预约了', '不订', '算了不约了', '不报了', '不报', '不订了',
    '取消预约', '别约', '别约了', '先不预约', '不想约', '不约这个', '这个不约', '暂时不约', '取消掉', '撤了吧',
    '下次再约', '以后再约', '过两天再约', '约不了', '不去了', '不考了', '先不报名', '不报名了', '取消吧不约了',
  ],
  handle: [
    '不处理', '先不处理', '不认', '我不认', '暂不处理', '不处理了', '别处理', '以后再处理', '过几天再处理', '不想处理',
    '不认罚', '先别处理', '暂时不处理', '回头再处理', '不要处理', '我不接受', '不接受', '取消', '取消吧', '不办理',
  ],
  reschedule: [
    '不改了', '不改', '不换了', '不换', '还是原来的', '就原来那天吧', '不用改了', '别改', '别换', '保持原样', '还是原来那场',
    '不调了', '先不改', '不想改', '原来的就行', '不改期了', '取消', '取消吧', '还是不改了', '维持原来的',
  ],
  unbind: [
    '不解绑', '不解除', '别解绑', '先不解了', '留着吧', '不解了', '不用解绑', '先不解绑', '别解', '不要解绑', '保持绑定',
    '继续绑着', '绑着吧', '不想解绑', '取消', '取消吧', '算了不解了', '还是绑着吧',
  ],
  select: [
    '不要这个', '不选这个', '不喜欢这个', '这个不要', '这个不行', '不选', '不要这个号', '这个号不好', '不想要这个',
    '这个不好看', '不选了', '取消', '取消吧', '这个不喜欢', '别选这个',
  ],
};

/** Not a yes or a no: questions, new requests, corrections, going back, a person, help, noise, bare values. */
const ZH_QUESTION = [
  '要带什么材料', '几点开始', '在哪考', '考场在哪里', '多少钱', '要交多少钱', '怎么交', '能用微信付吗', '可以用支付宝吗',
  '可以退吗', '扣几分', '罚多少', '什么时候到账', '需要本人去吗', '能改时间吗', '是哪一天', '为什么要交', '这是什么罚单',
  '考试要多久', '要排队吗', '能带手机吗', '几号考试', '哪个考场', '交了以后多久生效', '会扣分吗', '有滞纳金吗',
  '取消了还能再约吗', '取消要扣钱吗', '解绑了还能再绑吗', '改期有次数限制吗', '这是哪条违章', '在哪里违章的',
  '号牌能换吗', '有发票吗', '可以分期吗', '几点到考场', '要提前多久到', '考不过怎么办', '是什么时候的事', '怎么处理',
  '怎么付', '去哪交', '在哪里缴费', '为什么扣我分', '这个号码是什么意思', '上午还是下午', '有别的时间吗', '还有名额吗',
  '你是谁', '你是机器人吗', '这是真的吗', '是官方的吗', '安全吗', '会不会重复扣款', '能开发票吗', '要多长时间',
  '什么意思', '啥意思', '嗯？', '啊？', '什么？', '啥？', '蛤？', '你说啥', '没看懂', '看不懂', '我不懂', '怎么弄',
];
const ZH_REQUEST = [
  '查违章', '我的记分', '查记分', '查一下我的驾照', '我有几条违章', '我的预约', '查预约', '选号', '我要选号', '换驾照',
  '补办驾照', '年检', '车辆年审', '违章查询', '驾驶证换证', '查一下罚单', '我还有多少分', '驾照什么时候到期',
  '查车辆信息', '我想查一下违章记录', '帮我查下记分', '我要约科目一', '考试成绩查询', '查成绩', '我的车辆',
  '绑定身份证', '我要绑定', '登记新车', '上牌', '我想学车', '电子驾照', '异地违章怎么查', '我想换个手机号',
];
const ZH_CORRECT = [
  '换到上午', '换到下午', '还是约科目三吧', '改成明天', '换个考场', '换成11月30号', '不是这个车', '是另一辆车',
  '车牌是苏A12345', '我要的是科目二', '上午那场', '第二个', '选第一个', '要下午的', '我说的是科目一', '换到周六',
  '改到下周', '换成南京的考场', '不是这张罚单', '是另外一条违章', '日期错了', '时间不对应该是下午', '要早一点的',
  '有没有晚一点的', '换一个时间', '能不能换到周末', '我要第三个', '最后一个', '换个号', '换成苏A开头的',
  '我要的是12月的', '应该是12月1号', '改成9点那场', '不是我的车', '错了是另一个身份证', '换下午两点的',
];
const ZH_BACK = [
  '返回上一步', '返回', '上一步', '回去', '退回去', '回到上一步', '重新选', '重来', '从头开始', '重新开始', '返回上级',
  '退回上一步', '回上一步', '再选一次', '我要重新选', '回到主菜单', '主菜单', '菜单',
];
const ZH_PERSON = [
  '转人工', '人工', '人工客服', '找客服', '我要找人', '真人', '客服在吗', '转人工客服', '找个人来', '有没有人工',
  '我要投诉', '叫你们领导来', '我要和人说话', '人工服务', '接人工', '打电话给你们', '客服电话多少', '能不能人工处理',
];
const ZH_NOISE = [
  'asdf', '。。。', '???', '？？？', '111', '哈哈哈', '呵呵', '123', 'qwe', '...', '。', '……', '嗯？？', 'aaa', '！！！',
  '@@', 'hhh', '啊啊啊', '哎', '唉', '呃', '额', '嗯……', '嘿', '喂', '喂喂', '在吗', '你好', '您好', 'hello', 'hi',
  '测试', 'test', '1', '0', 'sdfsdf', 'zzz', '😂', '🤔', '😅', '...?', '。。', '？', '乱码', 'jjjj', '哈喽', '在不在',
  '这…', '额这', 'emmm', '啊这这这', '呃呃', '嗯哼？', '？？？？？', '6', 'h', 'qqq', '😳', '嗯……啊？',
];
const ZH_VALUES = [
  '320102199003071239', '320583198512240024', '11010519491231002X', '苏A12345', '苏B88888', '京A·12345', '沪C6789Z',
  '2026-11-30', '11月30号', '12月1日', '320100123456789', '320100987654321', '明天', '后天', '下周一', '13812345678',
  '上午', '下午', '9点', '下午3点', '科目二', '科目三', '科目一', '南京', '苏州', '11.30', '30号', '周六', '200元',
  '200', '3分', 'LSVAM4187C2123456', '张伟', '李娜', '我叫王强', '身份证号320102199003071239', '我的车牌苏A12345',
];
const ZH_STATEMENT = [
  '我在外地', '我没带身份证', '我之前交过了', '这个罚单不是我的', '我那天不在', '车借给朋友了', '我记得已经处理过',
  '我手机快没电了', '我在开车', '信号不好', '我是帮我爸办的', '我是代办', '我是外地车', '我驾照过期了',
  '开车的不是我', '车不是我开的', '我不是车主', '我刚搬家了', '我已经在窗口办了', '我身份证丢了', '我用的是新手机号',
  '我不是司机', '我不是驾驶员', '我不是本人', '车主不是我', '我不是当事人', '我不是驾驶人', '那天不是我开车', '我不是学员本人',
];

/** A time or an option that does not suit: a no at a booking, a rescheduling or a choice (「这个时间不行」「那天没空」). */
const ZH_THAT = ['这个时间', '这个时间段', '那天', '这天', '这场', '那个时间', '这个点', '那个点', '这个日子', '这个', '那个', '时间', '日子', '这一天', '这一场', '那场'];
const ZH_DOES_NOT_SUIT = ['不行', '没空', '不合适', '不方便', '去不了', '来不了', '不太行', '不太合适', '赶不上', '排不开', '不适合我', '我不行', '我没空', '我去不了', '我有事', '我来不了', '不好', '对我不合适', '我不方便', '不太方便'];
const zhDoesNotSuit: Maker = (r) => ({
  text: `${maybe(r, 0.2, pick(r, ['不好意思，', '呃', '嗯', '哎，', '可是']))}${pick(r, ZH_THAT)}${pick(r, ZH_DOES_NOT_SUIT)}${pick(r, ['', '', '', '。', '啊', '哦', '，换一个', '，不约了'])}`,
  purpose: pick(r, ['book', 'book', 'reschedule', 'select', 'generic'] as const),
});
/** At a cancellation 「那天我去不了」 is the reason to cancel: a yes there. */
const zhCannotGoAtCancel: Maker = (r) => ({
  text: `${maybe(r, 0.3, pick(r, ['取消吧，', '嗯，', '对，', '是的，', '哎，']))}${pick(r, ['那天', '这次', '那个时间', '这场', '到时候', '那天我', '我'])}${pick(r, ['去不了', '没空', '来不了', '有事', '赶不上', '去不成', '有事去不了'])}${pick(r, ['', '', '了', '。', '了，取消吧'])}`,
  purpose: 'cancel',
});
/** Saying who one is not (「我不是司机」) is a statement, not a no. */
const zhNotThePerson: Maker = (r) => ({
  text: `${maybe(r, 0.3, pick(r, ['可是', '但是', '不好意思，', '其实']))}我${pick(r, ['不是', '并不是', '又不是'])}${pick(r, ['车主', '驾驶员', '开车的人', '本人', '当事人', '学员', '申请人', '这个车的主人', '罚单上的人'])}${pick(r, ['', '', '。', '，是我爸', '，车是我朋友的', '啊'])}`,
});

/** Asking how to cancel is a question at any confirmation, not a cancellation and not a no (「怎么取消」). */
const zhCancelQuestion: Maker = (r) => ({
  text: end(pick(r, ['怎样取消', '如何取消', '取消怎么弄', '在哪取消', '取消要怎么操作', '取消的话怎么办', '怎么撤销', '怎么退掉', '取消在哪里点', '要怎么取消', '取消流程是什么', '怎么才能取消', '取消要收费吗', '取消了钱退吗', '取消的话要本人吗']), pick(r, ['', '', '？', '?', '呢', '啊'])),
  purpose: pick(r, CONFIRM_PURPOSES_ALL),
});

/** Purpose verbs inside a question or a deferral: 「怎么交」「解绑了会怎样」 ask, 「交的事以后再说」 declines. */
const ZH_STEM: Record<Exclude<ConfirmPurpose, 'generic'>, string[]> = {
  pay: ['交', '付', '缴费', '缴', '交罚款', '付款', '支付'],
  cancel: ['取消', '撤销', '退', '取消预约'],
  book: ['约', '预约', '报名', '订'],
  handle: ['处理', '处理违章', '办理'],
  reschedule: ['改', '改期', '换时间', '调'],
  unbind: ['解绑', '解除绑定', '解除'],
  select: ['选号', '选', '换号'],
};
const ZH_ASK_ABOUT = [
  (v: string) => `怎么${v}`, (v: string) => `${v}了会怎样`, (v: string) => `${v}要多久`, (v: string) => `在哪${v}`,
  (v: string) => `${v}要钱吗`, (v: string) => `${v}之后呢`, (v: string) => `为什么要${v}`, (v: string) => `${v}有什么影响`,
  (v: string) => `${v}需要什么`, (v: string) => `${v}了能撤回吗`, (v: string) => `可以线上${v}吗`, (v: string) => `${v}到哪天`,
  (v: string) => `什么时候能${v}`, (v: string) => `${v}的话要本人吗`, (v: string) => `${v}有次数限制吗`, (v: string) => `${v}了还能改吗`,
  (v: string) => `哪里可以${v}`, (v: string) => `${v}麻烦吗`, (v: string) => `${v}要几天`, (v: string) => `${v}以后短信通知吗`,
  (v: string) => `${v}完多久能好`, (v: string) => `${v}完多久生效`, (v: string) => `${v}完要多久`, (v: string) => `${v}好了会通知吗`,
  (v: string) => `多久能${v}好`, (v: string) => `${v}完能马上处理好吗`, (v: string) => `${v}之后多久能办好`, (v: string) => `${v}完几天能弄好`,
];
const ZH_A_NOT_A = ['难不难', '远不远', '贵不贵', '要不要带身份证', '能不能改', '用不用本人去', '好不好考', '人多不多', '准不准时', '扣不扣分', '收不收费', '是不是今天'];
const ZH_ORDINALS = ['一', '二', '三', '四', '五', '1', '2', '3'];
const ZH_REASON_YES: Record<Exclude<ConfirmPurpose, 'generic'>, string[]> = {
  pay: ['早交早安心', '省得忘了', '别产生滞纳金', '反正要交的', '趁现在有空'],
  cancel: ['那天有事', '临时要出差', '我还没准备好', '去不了了', '家里有事', '时间冲突了'],
  book: ['那天正好有空', '早考早拿证', '这个时间合适', '离我近'],
  handle: ['确实是我开的', '早处理早省心', '我认这个罚', '是我的错'],
  reschedule: ['那天我有空', '这个时间更好', '原来那天有事'],
  unbind: ['这个号不用了', '换手机了', '我不用这个账号了'],
  select: ['号挺好记的', '这个吉利', '我喜欢这个数字'],
};
const ZH_REASON_NO: Record<Exclude<ConfirmPurpose, 'generic'>, string[]> = {
  pay: ['手头紧', '这个月钱不够', '我要先核实一下', '我觉得罚错了', '等我问问单位'],
  cancel: ['我还要去考', '想了想还是去', '手滑点错了', '那天能去'],
  book: ['那天要上班', '还没练好', '时间不合适', '太远了'],
  handle: ['我要先看看照片', '那天不是我开的', '有异议', '我先问问'],
  reschedule: ['原来的时间挺好', '不想折腾了', '那天也没空'],
  unbind: ['还要用', '以后还用得上', '先留着'],
  select: ['不好记', '不吉利', '有个4', '不喜欢这个数字'],
};
type Specific = Exclude<ConfirmPurpose, 'generic'>;
const SPECIFIC_PURPOSES = Object.keys(ZH_STEM) as Specific[];
const zhAskAbout = (r: Rand) => {
  const purpose = pick(r, SPECIFIC_PURPOSES);
  return { text: end(pick(r, ZH_ASK_ABOUT)(pick(r, ZH_STEM[purpose])), pick(r, ['', '', '？', '?', '呢', '啊'])), purpose: r() < 0.7 ? purpose : pick(r, [...SPECIFIC_PURPOSES, 'generic' as const]) };
};
const zhDeferStem = (r: Rand) => {
  const purpose = pick(r, SPECIFIC_PURPOSES.filter((p) => p !== 'cancel'));
  const stem = pick(r, ZH_STEM[purpose]);
  return { text: `${stem}${pick(r, ['的事', '', '这个', '的话'])}${pick(r, ['', '，', ' '])}${pick(r, ZH_LATER)}`, purpose };
};
const zhYesBecause = (r: Rand) => {
  const purpose = pick(r, SPECIFIC_PURPOSES);
  return { text: `${maybe(r, 0.3, pick(r, ['帮我', '那就', '直接', '赶紧']))}${pick(r, ZH_PURPOSE_YES[purpose])}${pick(r, ['，', ' ', '，', '。'])}${pick(r, ZH_REASON_YES[purpose])}`, purpose };
};
const zhNoBecause = (r: Rand) => {
  const purpose = pick(r, SPECIFIC_PURPOSES);
  return { text: `${pick(r, ZH_PURPOSE_NO[purpose])}${pick(r, ['，', ' ', '，', '。'])}${pick(r, ZH_REASON_NO[purpose])}`, purpose };
};
const zhOrdinal = (r: Rand) => ({
  text: `${maybe(r, 0.3, pick(r, ['我要', '换成', '选', '那']))}第${pick(r, ZH_ORDINALS)}${pick(r, ['个', '场', '个号', '条', '个时间'])}${pick(r, ['', '', '吧', '。'])}`,
  purpose: pick(r, CONFIRM_PURPOSES_ALL),
});
const CONFIRM_PURPOSES_ALL: ConfirmPurpose[] = ['generic', 'book', 'cancel', 'pay', 'handle', 'reschedule', 'unbind', 'select'];

const zhAffirmGeneric: Maker = mix(
  [5, (r) => ({ text: `${maybe(r, 0.25, pick(r, ['嗯', '那', '那就', '哦', '噢', '啊', '呃']) + pick(r, ['', ' ', '，']))}${end(pick(r, ZH_ACK), pick(r, ZH_END))}` })],
  [4, (r) => ({ text: `${pick(r, ZH_ACK)}${pick(r, ZH_SEP)}${end(pick(r, ZH_GO), pick(r, ZH_END))}` })],
  [2, (r) => ({ text: `${end(pick(r, ZH_GO), pick(r, ZH_END))}` })],
  [2, (r) => ({ text: `${pick(r, ZH_ACK)}${pick(r, ZH_SEP)}${pick(r, ZH_POLITE)}${pick(r, ['', '', '。', '！', '🙏'])}` })],
  [1, (r) => ({ text: `${pick(r, ZH_ACK)}${pick(r, ZH_SEP)}${pick(r, ZH_ACK)}` })],
);
const zhPurposeYes = (r: Rand) => {
  const purpose = pick(r, Object.keys(ZH_PURPOSE_YES) as Array<keyof typeof ZH_PURPOSE_YES>);
  const verb = pick(r, ZH_PURPOSE_YES[purpose]);
  const shape = r();
  let text: string;
  if (shape < 0.35) text = end(verb, pick(r, ZH_END));
  else if (shape < 0.8) text = `${pick(r, ZH_ACK)}${pick(r, ZH_SEP)}${end(verb, pick(r, ZH_END))}`;
  else text = `${verb}${pick(r, ZH_SEP)}${pick(r, ZH_POLITE)}`;
  return { text, purpose };
};
const zhDenyGeneric: Maker = mix(
  [5, (r) => ({ text: `${maybe(r, 0.2, pick(r, ['嗯', '呃', '哦', '啊', '那', '额']) + pick(r, ['', ' ', '，']))}${end(pick(r, ZH_NO), pick(r, ['', '', '', '。', '！', '吧', '啦', '哈', '了']))}` })],
  [3, (r) => ({ text: `${end(pick(r, ZH_LATER), pick(r, ['', '', '。', '吧', '哈', '~']))}` })],
  [3, (r) => ({ text: `${pick(r, ZH_NO)}${pick(r, ZH_SEP)}${pick(r, ZH_LATER)}` })],
  [1, (r) => ({ text: `${pick(r, ZH_NO)}${pick(r, ZH_SEP)}${pick(r, ['谢谢', '谢谢你', '谢了', '多谢', '麻烦了', '不好意思'])}` })],
);
const zhPurposeNo = (r: Rand) => {
  const purpose = pick(r, Object.keys(ZH_PURPOSE_NO) as Array<keyof typeof ZH_PURPOSE_NO>);
  const verb = pick(r, ZH_PURPOSE_NO[purpose]);
  const shape = r();
  let text: string;
  if (shape < 0.45) text = end(verb, pick(r, ['', '', '。', '！', '吧', '哈', '啦']));
  else if (shape < 0.75) text = `${pick(r, ['不', '不了', '嗯', '呃', '算了', '不用', '哦', '那个'])}${pick(r, ZH_SEP)}${verb}`;
  else text = `${verb}${pick(r, ZH_SEP)}${pick(r, [...ZH_LATER, '谢谢', '不好意思'])}`;
  return { text, purpose };
};
/** Cancel words are a yes only at a cancel confirmation: elsewhere they abandon what is being confirmed. */
const zhCancelElsewhere = (r: Rand) => {
  const purpose = pick(r, ['generic', 'pay', 'handle', 'reschedule', 'unbind', 'select', 'book'] as const);
  const verb = pick(r, ['取消', '取消吧', '取消掉', '撤了吧', '撤销', '确认取消', '取消了吧', '对取消', '帮我取消', '我要取消', '取消算了']);
  return { text: `${maybe(r, 0.3, pick(r, ['那', '算了', '嗯', '哎', '还是']))}${verb}${pick(r, ['', '', '。', '！'])}`, purpose };
};
const zhOther: Maker = mix(
  [4, (r) => ({ text: `${maybe(r, 0.2, pick(r, ['请问', '那', '问一下', '等下', '对了', '哦对了', '我想问下']))}${end(pick(r, ZH_QUESTION), pick(r, ['', '', '？', '?', '呢', '呢？', '啊']))}` })],
  [3, (r) => ({ text: `${((q) => `${/^[我帮]/u.test(q) ? '' : maybe(r, 0.25, pick(r, ['帮我', '先', '那个', '我想']))}${end(q, pick(r, ['', '', '。', '吧']))}`)(pick(r, ZH_REQUEST))}` })],
  [3, (r) => ({ text: `${maybe(r, 0.3, pick(r, ['不对，', '等等，', '那个，', '哦不，', '等下 ']))}${end(pick(r, ZH_CORRECT), pick(r, ['', '', '。', '吧', '吗']))}`, purpose: pick(r, ['book', 'reschedule', 'select', 'generic', 'pay', 'handle'] as const) })],
  [2, (r) => ({ text: `${end(pick(r, ZH_BACK), pick(r, ['', '', '。', '吧']))}` })],
  [2, (r) => ({ text: `${end(pick(r, ZH_PERSON), pick(r, ['', '', '。', '！', '吧']))}` })],
  [2, (r) => ({ text: pick(r, ZH_NOISE) })],
  [2, (r) => ({ text: pick(r, ZH_VALUES) })],
  [1, (r) => ({ text: `${pick(r, ZH_STATEMENT)}${pick(r, ['', '', '。', '，怎么办'])}` })],
);

// ---------------------------------------------------------------- en

const EN_END = ['', '', '', '', '.', '!', ' please', ' pls', ' thanks', ', thanks', ' thank you', ' 👍', ' :)', '!!'];
const EN_ACK = [
  'yes', 'yeah', 'yep', 'yup', 'ya', 'yea', 'ye', 'yess', 'yesss', 'yas', 'sure', 'sure thing', 'ok', 'okay', 'okey', 'k',
  'kk', 'oki', 'okie', 'alright', 'all right', 'fine', 'right', 'correct', 'that\'s right', 'thats right', 'exactly',
  'absolutely', 'of course', 'ofc', 'definitely', 'certainly', 'yes please', 'yes pls', 'please do', 'agreed', 'i agree',
  'sounds good', 'sounds great', 'perfect', 'great', 'cool', 'good', 'works for me', 'that works', 'fine by me', 'why not',
  'uh huh', 'mhm', 'yeah sure', 'yes sir', 'affirmative', 'confirm', 'confirmed', 'i confirm', 'yes confirm', 'yes i do',
  'yes it is', 'indeed', 'totally', 'for sure', 'you bet', 'aye', 'yes yes', 'ok ok', 'sure sure', 'oui', 'si', 'y',
  'Yes', 'YES', 'Ok', 'OK', 'Sure', 'Yeah', 'yse', 'yeh', 'oaky', 'sur', 'yeahh', '👍', '👌', 'no problem', 'np',
];
const EN_GO = [
  'go ahead', 'do it', 'go for it', 'proceed', 'let\'s do it', 'lets do it', 'let\'s go', 'carry on', 'continue',
  'next', 'submit', 'submit it', 'just do it', 'make it so', 'do that', 'that one', 'that\'s it', 'go on', 'send it',
  'process it', 'get it done', 'finish it', 'i\'m ready', 'ready', 'please proceed', 'please go ahead', 'yes go ahead',
];
const EN_PURPOSE_YES: Record<Exclude<ConfirmPurpose, 'generic'>, string[]> = {
  pay: [
    'pay it', 'pay now', 'pay', 'i\'ll pay', 'pay the fine', 'charge me', 'yes pay', 'pay it now', 'take the money',
    'i want to pay', 'make the payment', 'pay it off', 'settle it', 'settle the fine', 'confirm payment', 'pay the ticket',
    'i\'ll pay it', 'go ahead and pay', 'pay up', 'payment ok', 'process the payment', 'pay with wechat', 'pay in full',
  ],
  cancel: [
    'cancel it', 'cancel', 'yes cancel', 'cancel please', 'go ahead and cancel', 'cancel the booking', 'scrap it',
    'cancel my booking', 'call it off', 'confirm cancel', 'confirm cancellation', 'cancel that', 'cancel the exam',
    'yes cancel it', 'please cancel', 'drop the booking', 'delete it', 'remove the booking', 'i want to cancel', 'cancel anyway',
  ],
  book: [
    'book it', 'book that one', 'book', 'reserve it', 'that slot please', 'sign me up', 'book me in', 'book that',
    'that date works', 'that time works', 'reserve that', 'confirm booking', 'book the slot', 'take that slot', 'i\'ll take it',
    'that one please', 'book this', 'grab it', 'lock it in', 'register me', 'book me', 'put me down for that',
  ],
  handle: [
    'handle it', 'process it', 'i accept', 'accept the penalty', 'i admit it', 'handle the violation', 'deal with it',
    'yes handle it', 'i accept it', 'take care of it', 'resolve it', 'process the violation', 'i\'ll accept it', 'accept',
    'handle them all', 'process them', 'clear it', 'clear the violation',
  ],
  reschedule: [
    'reschedule it', 'change it', 'move it', 'switch it', 'reschedule', 'change the date', 'move the exam', 'yes move it',
    'switch to that', 'change to that date', 'confirm the change', 'reschedule please', 'move it there', 'make the change',
    'swap it', 'change it please', 'yes change it', 'that new date is fine',
  ],
  unbind: [
    'unbind it', 'remove it', 'unlink it', 'yes unlink', 'unbind', 'unlink', 'remove the binding', 'unbind my id',
    'disconnect it', 'detach it', 'yes remove it', 'unlink my account', 'confirm unbinding', 'go ahead and unbind', 'unbind please',
  ],
  select: [
    'that one', 'take it', 'i\'ll take it', 'pick that', 'this one', 'choose that', 'i want that one', 'that number',
    'pick this one', 'that plate', 'i like it', 'this plate is good', 'select it', 'go with that one', 'i choose this',
  ],
};
const EN_NO = [
  'no', 'nope', 'nah', 'no thanks', 'no thank you', 'not now', 'not yet', 'never mind', 'nevermind', 'forget it', 'don\'t',
  'dont', 'don\'t do it', 'i changed my mind', 'changed my mind', 'hold off', 'not today', 'negative', 'no way', 'not really',
  'i\'d rather not', 'rather not', 'nah i\'m good', 'i\'m good', 'no stop', 'stop', 'wait no', 'no no', 'no no no',
  'noo', 'nop', 'na', 'nooo', 'No', 'NO', 'Nope', 'n', 'not interested', 'no need', 'not needed', 'i don\'t want to',
  'i don\'t want that', 'don\'t want it', 'skip', 'skip it', 'leave it', 'pass', 'i\'ll pass', 'no i don\'t', 'no it isn\'t',
  'that\'s wrong', 'wrong', 'incorrect', 'not right', 'no, not that', '👎', '❌', 'nah thanks', 'no sorry', 'sorry no',
  'absolutely not', 'definitely not', 'certainly not', 'not at all', 'i disagree', 'no don\'t', 'please don\'t', 'do not',
];
const EN_LATER = [
  'maybe later', 'later', 'another time', 'some other time', 'let me think about it', 'i\'ll think about it', 'not right now',
  'later please', 'i\'ll do it later', 'next time', 'maybe next time', 'ask me later', 'give me some time', 'not at the moment',
  'let me think', 'i need to think', 'i\'ll come back later', 'i\'ll decide later', 'some other day', 'tomorrow maybe',
  'i\'m not sure yet', 'not sure', 'let me check first', 'i\'ll wait', 'wait', 'hold on, not now', 'i\'ll get back to you',
];
/** A time or an option that does not suit: a no at a booking, a rescheduling or a choice ("that time doesn't work"). */
const EN_THAT = ['that time', 'that day', 'that date', 'that slot', 'this time', 'the time', 'that', 'this', 'it', 'the date', 'this slot', 'that one', 'saturday'];
const EN_DOES_NOT_SUIT = [
  'doesn\'t work', 'doesn\'t work for me', 'doesn\'t suit me', 'won\'t work', 'is no good', 'isn\'t good for me', 'is bad for me',
  'is not good', 'won\'t work for me', 'is inconvenient', 'is too early', 'is too late for me', 'isn\'t convenient', 'does not work',
];
const EN_REFUSE_PLAIN = [
  'not that one', 'not this one', 'can\'t make it', 'i can\'t make it', 'i can\'t make that', 'i can\'t do that day', 'wrong time',
  'wrong day', 'bad time', 'bad timing', 'i\'m busy then', 'i\'m not free then', 'no good', 'no good for me', 'i can\'t go then',
  'i won\'t be able to make it', 'not that day', 'not that time', 'i can\'t come then', 'i\'m busy that day', 'i have work then',
];
const enCannotGoAtCancel: Maker = (r) => ({
  text: cap(r, `${maybe(r, 0.3, pick(r, ['yes, ', 'yeah ', 'yes cancel, ']))}${pick(r, ['i can\'t make it', 'i can\'t go', 'i won\'t make it', 'i\'m busy that day', 'something came up', 'i can\'t come that day', 'i\'m not free that day'])}${pick(r, ['', '', '.', ' anymore'])}`),
  purpose: 'cancel',
});
const enNotThePerson: Maker = (r) => ({
  text: cap(r, `${maybe(r, 0.3, pick(r, ['but ', 'sorry, ', 'actually ', 'well ']))}${pick(r, ['i\'m not', 'i am not', 'i wasn\'t', 'i was not'])} the ${pick(r, ['owner', 'car owner', 'registered owner', 'person driving', 'licence holder', 'learner', 'applicant', 'account holder', 'vehicle owner', 'one on the ticket', 'one who drove'])}${pick(r, ['', '', '.', ', my dad is', ' of that car', ' though'])}`),
});
const enDoesNotSuit: Maker = (r) => ({
  text: cap(r, r() < 0.55
    ? `${maybe(r, 0.2, pick(r, ['sorry, ', 'hmm ', 'no, ', 'um ']))}${pick(r, EN_THAT)} ${pick(r, EN_DOES_NOT_SUIT)}${pick(r, ['', '', '.', ' for me', ', sorry'])}`
    : `${maybe(r, 0.2, pick(r, ['sorry, ', 'hmm ', 'no, ', 'um ']))}${pick(r, EN_REFUSE_PLAIN)}${pick(r, ['', '', '.', ', sorry', '!'])}`),
  purpose: pick(r, ['book', 'book', 'reschedule', 'select', 'generic'] as const),
});
const EN_PURPOSE_NO: Record<Exclude<ConfirmPurpose, 'generic'>, string[]> = {
  pay: [
    'don\'t pay yet', 'i\'ll pay later', 'not paying now', 'not paying', 'i can\'t pay right now', 'don\'t charge me',
    'pay later', 'i\'ll pay next week', 'no payment now', 'not paying today', 'i\'ll pay after payday', 'don\'t pay',
    'i won\'t pay', 'hold the payment', 'no don\'t pay', 'i don\'t want to pay now',
  ],
  cancel: [
    'don\'t cancel', 'keep it', 'keep my booking', 'no don\'t cancel', 'i still want to take it', 'don\'t cancel it',
    'keep the booking', 'no keep it', 'i\'ll still go', 'leave my booking', 'keep the exam', 'no i\'m still going',
    'i want to keep it', 'don\'t cancel my booking', 'no, keep it', 'no cancellation',
  ],
  book: [
    'cancel', 'cancel it', 'don\'t book', 'no don\'t book it', 'not booking', 'don\'t book it', 'no booking', 'i won\'t book',
    'don\'t reserve it', 'not that slot', 'i don\'t want to book', 'cancel that', 'no, cancel', 'forget the booking',
  ],
  handle: [
    'don\'t process it', 'i don\'t accept', 'don\'t handle it', 'not now, don\'t process', 'i don\'t accept it', 'leave it unprocessed',
    'no don\'t handle it', 'i won\'t accept', 'cancel', 'don\'t process them', 'i refuse', 'not accepting',
  ],
  reschedule: [
    'keep the original', 'don\'t change it', 'leave it as is', 'keep the old date', 'don\'t move it', 'no keep it as it is',
    'don\'t reschedule', 'keep the current date', 'no change', 'leave it', 'cancel', 'the original is fine',
  ],
  unbind: [
    'don\'t unbind', 'keep it linked', 'don\'t unlink', 'keep the binding', 'no keep it', 'don\'t remove it', 'leave it bound',
    'no don\'t unbind', 'keep it', 'cancel',
  ],
  select: [
    'not that one', 'not this one', 'i don\'t like it', 'don\'t want that one', 'no not that plate', 'not that number',
    'i don\'t want this', 'cancel', 'no, another one', 'not this plate',
  ],
};
const EN_QUESTION = [
  'what documents do i need', 'when does it start', 'where is the test center', 'how much is it', 'how do i pay',
  'can i pay by card', 'how many points', 'what is this fine for', 'why', 'what?', 'huh?', 'what does that mean',
  'can i get a refund', 'is there a late fee', 'how long does it take', 'where do i go', 'what time should i arrive',
  'can i bring my phone', 'do i need to go in person', 'which exam center', 'when will it be processed', 'what day is that',
  'can i change it later', 'will i lose points', 'how much do i owe', 'what happens if i cancel', 'can i book again later',
  'is it morning or afternoon', 'are there other dates', 'are there any slots left', 'who are you', 'are you a bot',
  'is this official', 'is it safe', 'what?? i don\'t understand', 'sorry, what', 'what do you mean', 'i don\'t understand',
  'can i pay with alipay', 'can i get an invoice', 'where did the violation happen', 'when was this', 'how do i cancel',
  'how can i cancel', 'how to cancel', 'where do i cancel', 'can i cancel later', 'is cancelling free',
];
const EN_REQUEST = [
  'check my violations', 'my points', 'check points', 'show my bookings', 'my bookings', 'check my licence',
  'how many points do i have', 'my vehicles', 'pick a plate number', 'renew my licence', 'replace my licence',
  'vehicle inspection', 'check my fines', 'when does my licence expire', 'exam results', 'register a new car',
  'bind my id', 'i want to learn to drive', 'check the fine', 'look up my violations', 'show my car',
];
const EN_CORRECT = [
  'move it to the morning', 'book subject 3 instead', 'make it tomorrow', 'a different test center', 'change to november 30',
  'not this car', 'the other car', 'my plate is 苏A12345', 'i meant subject 2', 'the morning one', 'the second one',
  'the first one', 'the afternoon one', 'i said subject 1', 'saturday instead', 'next week instead', 'a different fine',
  'wrong date', 'something earlier', 'anything later?', 'a weekend slot', 'the third one', 'the last one', 'a different plate',
  'december 1st instead', 'the 9am one', 'not my car', 'wrong id', 'the 2pm slot instead', 'the next one', 'next slot',
  'the next date', 'next plate please', 'show me the next one', 'the one after that', 'next available one', 'a later one',
];
const EN_BACK = ['go back', 'back', 'previous step', 'start over', 'restart', 'undo', 'back to the menu', 'main menu', 'menu', 'go back one step', 'choose again', 'let me choose again'];
const EN_PERSON = [
  'human', 'agent', 'talk to a person', 'real person', 'customer service', 'a human please', 'let me talk to someone',
  'i want a human', 'operator', 'speak to an agent', 'i want to complain', 'get me a manager', 'call me', 'phone number?',
];
const EN_NOISE = [
  'asdf', '...', '???', 'lol', 'hmm', 'hmmm', 'haha', 'qwerty', '123', '1', '?', 'hello', 'hi', 'hey', 'test', 'testing',
  'zzz', 'jjj', '😂', '🤔', 'ugh', 'meh', 'er', 'erm', 'uh', 'hello?', 'anyone there', 'xyz', 'blah', '!!!',
];
const EN_VALUES = [
  '320102199003071239', '320583198512240024', '11010519491231002X', '苏A12345', 'su a12345', '2026-11-30', 'november 30',
  'nov 30', 'dec 1', '320100123456789', 'tomorrow', 'next monday', '13812345678', 'morning', 'afternoon', '9am', '3 pm',
  'subject 2', 'subject 3', 'nanjing', '200 yuan', 'LSVAM4187C2123456', 'zhang wei', 'my name is li na', 'the 30th',
  'saturday', 'my id is 320102199003071239',
];
const EN_STATEMENT = [
  'i\'m out of town', 'i don\'t have my id with me', 'i already paid', 'this fine isn\'t mine', 'i wasn\'t there that day',
  'my friend was driving', 'i think i already handled it', 'my battery is low', 'i\'m driving', 'i\'m doing this for my dad',
  'i wasn\'t driving', 'the car isn\'t mine', 'i sold that car', 'i moved recently', 'i lost my id card', 'i have a new phone number',
  'i\'m not the owner', 'i wasn\'t the driver', 'i\'m not the registered owner', 'i\'m not the one who drove', 'my wife was the driver',
  'i\'m not the licence holder', 'it\'s not my vehicle', 'i don\'t own that car', 'i am not the applicant', 'i\'m not the learner',
];

const cap = (r: Rand, s: string) => (r() < 0.25 ? s.charAt(0).toUpperCase() + s.slice(1) : s);

const EN_STEM: Record<Specific, string[]> = {
  pay: ['pay', 'pay the fine', 'pay it', 'make the payment'],
  cancel: ['cancel', 'cancel it', 'cancel the booking'],
  book: ['book', 'book it', 'reserve a slot'],
  handle: ['handle it', 'process the violation', 'deal with the violation'],
  reschedule: ['reschedule', 'change the date', 'move it'],
  unbind: ['unbind', 'unlink my id', 'remove the binding'],
  select: ['pick a plate', 'choose a number', 'pick one'],
};
const EN_ASK_ABOUT = [
  (v: string) => `how do i ${v}`, (v: string) => `can i ${v} online`, (v: string) => `why do i have to ${v}`,
  (v: string) => `what happens if i ${v}`, (v: string) => `where do i ${v}`, (v: string) => `how long does it take to ${v}`,
  (v: string) => `is there a fee to ${v}`, (v: string) => `can i ${v} later`, (v: string) => `do i need to ${v} in person`,
  (v: string) => `when can i ${v}`, (v: string) => `how many times can i ${v}`, (v: string) => `can someone else ${v} for me`,
  (v: string) => `what do i need to ${v}`, (v: string) => `is it free to ${v}`,
];
const EN_REASON_YES: Record<Specific, string[]> = {
  pay: ['i want it done', 'before the late fee', 'might as well'], cancel: ['i can\'t make it', 'something came up', 'i\'m not ready'],
  book: ['that day works', 'the sooner the better'], handle: ['it was me', 'let\'s get it over with'],
  reschedule: ['that day is better', 'i\'m busy on the old date'], unbind: ['i don\'t use it anymore', 'new phone'],
  select: ['easy to remember', 'lucky number'],
};
const EN_REASON_NO: Record<Specific, string[]> = {
  pay: ['i\'m short this month', 'i want to check it first', 'i think it\'s wrong'], cancel: ['i can still go', 'i clicked by mistake'],
  book: ['i have work that day', 'not ready yet', 'too far'], handle: ['i want to see the photo first', 'it wasn\'t me'],
  reschedule: ['the old date is fine', 'too much hassle'], unbind: ['i still use it'], select: ['don\'t like the number', 'hard to remember'],
};
const enAskAbout = (r: Rand) => {
  const purpose = pick(r, SPECIFIC_PURPOSES);
  return { text: cap(r, end(pick(r, EN_ASK_ABOUT)(pick(r, EN_STEM[purpose])), pick(r, ['', '', '?', '??']))), purpose: r() < 0.7 ? purpose : pick(r, CONFIRM_PURPOSES_ALL) };
};
const enYesBecause = (r: Rand) => {
  const purpose = pick(r, SPECIFIC_PURPOSES);
  return { text: cap(r, `${pick(r, EN_PURPOSE_YES[purpose])}${pick(r, [', ', ' - ', '. '])}${pick(r, EN_REASON_YES[purpose])}`), purpose };
};
const enNoBecause = (r: Rand) => {
  const purpose = pick(r, SPECIFIC_PURPOSES);
  return { text: cap(r, `${pick(r, EN_PURPOSE_NO[purpose])}${pick(r, [', ', ' - ', '. '])}${pick(r, EN_REASON_NO[purpose])}`), purpose };
};
const enOrdinal = (r: Rand) => ({
  text: cap(r, `${maybe(r, 0.3, pick(r, ['i want ', 'make it ', 'switch to ']))}the ${pick(r, ['first', 'second', 'third', 'fourth', 'last', '2nd', '3rd'])} ${pick(r, ['one', 'slot', 'plate', 'option', 'date'])}`),
  purpose: pick(r, CONFIRM_PURPOSES_ALL),
});

const enAffirmGeneric: Maker = mix(
  [5, (r) => ({ text: cap(r, `${maybe(r, 0.15, pick(r, ['oh ', 'um ', 'well ', 'hmm ', 'ah ', 'oh ok ']))}${end(pick(r, EN_ACK), pick(r, EN_END))}`) })],
  [4, (r) => ({ text: cap(r, `${pick(r, EN_ACK)}${pick(r, [' ', ', ', ' - ', '. '])}${end(pick(r, EN_GO), pick(r, EN_END))}`) })],
  [2, (r) => ({ text: cap(r, `${end(pick(r, EN_GO), pick(r, EN_END))}`) })],
  [1, (r) => ({ text: cap(r, `${pick(r, EN_ACK)}${pick(r, [' ', ', '])}${pick(r, EN_ACK)}`) })],
);
const enPurposeYes = (r: Rand) => {
  const purpose = pick(r, Object.keys(EN_PURPOSE_YES) as Array<keyof typeof EN_PURPOSE_YES>);
  const verb = pick(r, EN_PURPOSE_YES[purpose]);
  const text = r() < 0.45 ? end(verb, pick(r, EN_END)) : `${pick(r, EN_ACK)}${pick(r, [' ', ', ', ' '])}${end(verb, pick(r, EN_END))}`;
  return { text: cap(r, text), purpose };
};
const enDenyGeneric: Maker = mix(
  [5, (r) => ({ text: cap(r, `${maybe(r, 0.15, pick(r, ['um ', 'hmm ', 'oh ', 'well ', 'actually ', 'sorry ']))}${pick(r, EN_NO)}${pick(r, ['', '', '', '.', '!', ', thanks', ' thanks', ' sorry'])}`) })],
  [3, (r) => ({ text: cap(r, `${pick(r, EN_LATER)}${pick(r, ['', '', '.', ', thanks', '!'])}`) })],
  [3, (r) => ({ text: cap(r, `${pick(r, EN_NO)}${pick(r, [', ', ' ', '. ', ' - '])}${pick(r, EN_LATER)}`) })],
);
const enPurposeNo = (r: Rand) => {
  const purpose = pick(r, Object.keys(EN_PURPOSE_NO) as Array<keyof typeof EN_PURPOSE_NO>);
  const verb = pick(r, EN_PURPOSE_NO[purpose]);
  const shape = r();
  let text: string;
  if (shape < 0.5) text = `${verb}${pick(r, ['', '', '.', '!', ' please', ', thanks'])}`;
  else if (shape < 0.8) text = `${pick(r, ['no', 'nah', 'no,', 'um', 'actually', 'wait', 'sorry'])} ${verb}`;
  else text = `${verb}${pick(r, [', ', '. ', ' '])}${pick(r, EN_LATER)}`;
  return { text: cap(r, text), purpose };
};
const enCancelElsewhere = (r: Rand) => {
  const purpose = pick(r, ['generic', 'pay', 'handle', 'reschedule', 'unbind', 'select', 'book'] as const);
  const verb = pick(r, ['cancel', 'cancel it', 'cancel that', 'cancel please', 'yes cancel', 'cancel everything', 'just cancel', 'abort']);
  return { text: cap(r, `${maybe(r, 0.3, pick(r, ['no ', 'actually ', 'hmm ', 'then ']))}${verb}${pick(r, ['', '', '.', '!'])}`), purpose };
};
const enOther: Maker = mix(
  [4, (r) => ({ text: cap(r, `${maybe(r, 0.2, pick(r, ['wait, ', 'sorry, ', 'quick question: ', 'but ', 'first, ']))}${end(pick(r, EN_QUESTION), pick(r, ['', '', '?', '??']))}`) })],
  [3, (r) => ({ text: cap(r, `${maybe(r, 0.25, pick(r, ['please ', 'first ', 'now ', 'actually ']))}${pick(r, EN_REQUEST)}${pick(r, ['', '', '.', ' please'])}`) })],
  [3, (r) => ({ text: cap(r, `${maybe(r, 0.3, pick(r, ['no wait, ', 'actually ', 'hmm, ', 'sorry, ', 'wait, ']))}${end(pick(r, EN_CORRECT), pick(r, ['', '', '.', ' please']))}`), purpose: pick(r, ['book', 'reschedule', 'select', 'generic', 'pay', 'handle'] as const) })],
  [2, (r) => ({ text: cap(r, `${pick(r, EN_BACK)}${pick(r, ['', '', '.', ' please'])}`) })],
  [2, (r) => ({ text: cap(r, `${end(pick(r, EN_PERSON), pick(r, ['', '', '.', ' please', '!']))}`) })],
  [2, (r) => ({ text: pick(r, EN_NOISE) })],
  [2, (r) => ({ text: pick(r, EN_VALUES) })],
  [1, (r) => ({ text: pick(r, EN_STATEMENT) })],
);

// ---------------------------------------------------------------- generation

const key = (e: { text: string; purpose?: string }) => `${e.purpose ?? '*'}\t${normalizeText(e.text).toLowerCase()}`;
/** What a text says without punctuation, spaces or emoji (the text itself when that leaves nothing). */
const bare = (text: string) => {
  const t = normalizeText(text).toLowerCase();
  return `bare\t${t.replace(/[^\p{L}\p{N}]+/gu, '') || t}`;
};

type Anchor = { text: string; purpose?: ConfirmPurpose };

/** Every bare word of the lists first (the commonest replies are one word), then chained forms up to `target`. */
function draw(
  r: Rand, act: ConfirmAct, target: number, makers: Array<[number, Maker]>, seen: Set<string>, banned: Set<string>, anchors: Anchor[],
): ActExample[] {
  const maker = mix(...makers);
  const out: ActExample[] = [];
  let a = 0;
  for (let tries = 0; out.length < target && tries < target * 200; tries += 1) {
    const e = a < anchors.length ? anchors[a++] : maker(r);
    const text = e.text.trim();
    if (!text) continue;
    const k = key({ text, purpose: e.purpose });
    if (seen.has(k) || banned.has(bare(text))) continue;
    seen.add(k);
    out.push(e.purpose ? { text, act, purpose: e.purpose } : { text, act });
  }
  if (out.length < target) throw new Error(`only ${out.length}/${target} distinct ${act} examples`);
  return out;
}

function testKeys(file: string): Set<string> {
  const banned = new Set<string>();
  if (!existsSync(file)) return banned;
  const json = JSON.parse(readFileSync(file, 'utf8')) as ActCorpus;
  for (const e of json.examples) {
    banned.add(bare(e.text));
  }
  return banned;
}

function build(
  locale: 'zh-CN' | 'en', seed: number, perAct: Record<ConfirmAct, number>, makers: Record<ConfirmAct, Array<[number, Maker]>>, anchors: Record<ConfirmAct, Anchor[]>,
): void {
  const r = seededRandom(seed);
  // A held-out reply is kept out of every locale's training (「yes」 and an ID number occur in both).
  const banned = new Set([...testKeys(join(__dirname, 'zh-CN.test.json')), ...testKeys(join(__dirname, 'en.test.json'))]);
  const seen = new Set<string>();
  const examples: ActExample[] = [];
  for (const act of ['affirm', 'deny', 'other'] as const) examples.push(...draw(r, act, perAct[act], makers[act], seen, banned, anchors[act]));
  // The same text with the same purpose under two acts would be a contradiction in the data.
  const byKey = new Map<string, string>();
  for (const e of examples) {
    const k = key(e);
    const prev = byKey.get(k);
    if (prev && prev !== e.act) throw new Error(`${locale}: "${e.text}" (${e.purpose ?? 'any'}) is both ${prev} and ${e.act}`);
    byKey.set(k, e.act);
  }
  const corpus: ActCorpus = { locale, description: 'Replies to a yes/no question; generated by generate.ts, do not edit by hand.', examples };
  writeFileSync(join(__dirname, `${locale}.json`), `${JSON.stringify(corpus, null, 1)}\n`);
  process.stdout.write(`${locale}: ${examples.length} examples\n`);
}

const bareWords = (list: readonly string[]): Anchor[] => list.map((text) => ({ text }));
const byPurpose = (table: Record<Specific, string[]>): Anchor[] =>
  (Object.entries(table) as Array<[Specific, string[]]>).flatMap(([purpose, list]) => list.map((text) => ({ text, purpose })));

// More "other" than yes or no: it holds every kind of non-answer, noise included.
const ZH_PER_ACT: Record<ConfirmAct, number> = { affirm: 560, deny: 620, other: 800 };
const EN_PER_ACT: Record<ConfirmAct, number> = { affirm: 400, deny: 450, other: 600 };
const scaled = (w: number, makers: Array<[number, Maker]>): Array<[number, Maker]> => makers.map(([x, m]) => [x * w, m]);

build('zh-CN', 2026, ZH_PER_ACT, {
  affirm: [[6, zhAffirmGeneric], [5, zhPurposeYes], [1, zhYesBecause], [0.7, zhCannotGoAtCancel]],
  deny: [[6, zhDenyGeneric], [4, zhPurposeNo], [1.2, zhCancelElsewhere], [1, zhDeferStem], [1, zhNoBecause], [1.5, zhDoesNotSuit]],
  other: [
    [8, zhOther], [2, zhAskAbout], [1, zhOrdinal], [0.6, (r) => ({ text: `${pick(r, ['考试', '考场', '这个', '那边', '科目二', '这个号', '罚款'])}${pick(r, ZH_A_NOT_A)}${pick(r, ['', '？', '啊'])}` })],
    [1, zhCancelQuestion], [0.8, atAnyPurpose(zhNotThePerson)], ...scaled(0.25, LATIN_NOISE), ...scaled(0.6, HAN_NOISE),
  ],
}, {
  affirm: [...bareWords(ZH_ACK), ...byPurpose(ZH_PURPOSE_YES)],
  deny: [...bareWords(ZH_NO), ...bareWords(ZH_LATER), ...byPurpose(ZH_PURPOSE_NO)],
  other: [...bareWords(ZH_NOISE), ...bareWords(ZH_VALUES), ...bareWords(ZH_PERSON), ...bareWords(ZH_BACK)],
});
build('en', 1125, EN_PER_ACT, {
  affirm: [[6, enAffirmGeneric], [5, enPurposeYes], [1, enYesBecause], [0.7, enCannotGoAtCancel]],
  deny: [[6, enDenyGeneric], [4, enPurposeNo], [1.2, enCancelElsewhere], [1, enNoBecause], [1.5, enDoesNotSuit]],
  other: [[8, enOther], [2.5, enAskAbout], [1, enOrdinal], [1.2, atAnyPurpose(enNotThePerson)], ...scaled(0.35, LATIN_NOISE), ...scaled(0.1, HAN_NOISE)],
}, {
  affirm: [...bareWords(EN_ACK), ...byPurpose(EN_PURPOSE_YES)],
  deny: [...bareWords(EN_NO), ...bareWords(EN_LATER), ...byPurpose(EN_PURPOSE_NO)],
  other: [...bareWords(EN_NOISE), ...bareWords(EN_VALUES), ...bareWords(EN_PERSON), ...bareWords(EN_BACK)],
});
