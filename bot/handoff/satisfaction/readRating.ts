import { normalizeText } from '../../../nlu-models/text/normalize';
import type { SatisfactionRating } from '../../../integrations/storage/handoffs';

export type Score = SatisfactionRating['score'];

/**
 * How a message reads at the satisfaction question: a score (`remark`: the message says more than the score, e.g.
 * 「不满意，等了半小时」, which is then kept as the comment too) or a refusal to rate (「跳过」「不评了」).
 */
export type RatingAnswer = { kind: 'score'; score: Score; remark: boolean } | { kind: 'skip' };

const ZH_DIGITS: Record<string, Score> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5 };
const EN_DIGITS: Record<string, Score> = { one: 1, two: 2, three: 3, four: 4, five: 5 };

/** A score with its unit anywhere (「5分」「打五分」「4星」「4 stars」「4/5」「4 out of 5」), never 「5分钟」「10分」「4.5分」. */
const SCORE_WITH_UNIT = /(?<![\d.十百])([1-5一二两三四五]|\bone|\btwo|\bthree|\bfour|\bfive)\s*(?:分(?![钟钱半之])|颗?星|stars?\b|points?\b|\/\s*5(?!\d)|out\s+of\s+(?:5|five)\b)/i;
/** 「打5分」 said with the verb and no unit: 「给5」「rate 4」「rate it 4」. */
const SCORE_WITH_VERB = /(?:打|给|评)(?:你们|您|客服|他|她)?\s*([1-5一二两三四五])(?=$|[\s\p{P}]|吧|了|啊|呀)|\brate(?:\s+(?:it|you|this|him|her))?\s+([1-5]|one|two|three|four|five)\b/iu;
/** The whole message is a score: 「5」「五」"five". */
const BARE_SCORE = /^([1-5一二两三四五]|one|two|three|four|five)$/i;
/** A choice's title as the buttons send it, the score first: 「3 okay」「4分 满意」. */
const LEADING_SCORE = /^([1-5])\s*(?:分\s*)?(?=\s\p{L}|\p{Script=Han})/u;
const STARS = /[★⭐🌟]/gu;

/** Words for a score, most specific first (「很不满意」 before 「不满意」 before 「满意」). */
const WORDS: ReadonlyArray<readonly [RegExp, Score]> = [
  [/(?:非常|很|特别|十分|极|太|超级?)不满意|(?:非常|很|特别|极|太)差|极差|差劲|(?:非常|很|太)?糟糕|垃圾|(?:很|太)烂|最差|\bvery\s+(?:unhappy|dissatisfied|bad|poor|disappointed)\b|\b(?:terrible|awful|horrible|worst|useless)\b/i, 1],
  [/不太满意|不大满意|不满意|不怎么样|不好(?!意思)|(?:比较|有点|有些)差|较差|失望|\bnot\s+(?:very\s+)?(?:satisfied|happy|good|great|helpful)\b|\b(?:unhappy|dissatisfied|poor|disappointed|unsatisfied)\b|(?<!\bnot\s)\bbad\b/i, 2],
  [/(?:非常|很|特别|十分|超级?|太|相当)满意|(?:非常|特别|超级?)好|太好了|(?:很|太|非常|超级?)棒|完美|满分|好评|\b(?:very|extremely|really|totally)\s+(?:satisfied|happy|good|helpful)\b|\b(?:excellent|great|perfect|amazing|fantastic|awesome|brilliant|outstanding)\b|\bloved\s+it\b/i, 5],
  [/一般般|一般|还行|还可以|凑合|马马虎虎|普通|说得过去|\b(?:so-so|so\s+so|average|mediocre|meh|neutral|okay-ish|ok-ish)\b/i, 3],
  [/满意|不错|挺好|很好|蛮好|挺棒|\bnot\s+bad\b|\b(?:satisfied|happy|good|helpful|nice|pretty\s+good|quite\s+good)\b/i, 4],
];
/** Only as the whole message: a single character that means something else inside a sentence (「差点」「好的」). */
const WHOLE_WORDS: ReadonlyArray<readonly [RegExp, Score]> = [[/^差$/, 2], [/^好评$/, 5]];

/** A refusal to rate or comment, as the whole message: 「跳过」「不评了」「不用了，谢谢」「没有了」"no thanks". */
const SKIP_ZH = /^(?:跳过|不评(?:价|分)?|不打分|不想(?:评价?|打分|说)?|不用(?:评价?|打分|说)?|算了|不了|免了|下次|没空|不需要|不要|没有|没了|无|没什么(?:要说|想说|好说)?|没啥(?:要说|想说|好说)?|取消|退出|再见|拜拜|就这样|没事|没意见|没有意见|没建议|没有建议)(?:评价|评分|打分|了|吧|啦|哈|呀|啊|的|呢|哦|谢谢|多谢|再见|拜拜)*$/;
const SKIP_EN = /^(?:skip(?:\s+it)?|no(?:\s+thanks|\s+thank\s+you)?|nope|not\s+now|later|pass|none|nothing(?:\s+(?:to\s+add|else|more))?|cancel|bye|goodbye|no\s+comments?|that'?s\s+all|i'?m\s+good)(?:\s+(?:thanks|thank\s+you|bye))*$/i;

/** Said around a score without adding anything (「我觉得还行吧」「给客服打5分」「5 stars, thanks」). */
const FILLER = /我觉得|我感觉|感觉|觉得|总体|整体|总的来说|本次|这次|服务|客服|人工|你们|您|我|打|给|评|分|个|吧|了|啦|啊|呀|哈|嗯|哦|的|还|挺|就|是|都|谢谢|感谢|多谢|\b(?:thanks|thank\s+you|i\s+would|i'?d|say|give|it|you|the|service|agent|was|is|rate|rating|i|a)\b/gi;
const PUNCT = /[\s\p{P}\p{S}\p{M}]+/gu;

/** The citizen's answer to the satisfaction question, or undefined when it is neither a score nor a refusal. */
export function readRating(text: string): RatingAnswer | undefined {
  const t = normalizeText(text).toLowerCase();
  if (!t) return undefined;
  if (saysSkip(t)) return { kind: 'skip' };
  const bare = t.replace(PUNCT, '');
  const question = /[吗嘛呢？?]|怎么|为什么|多少|几|什么|哪/.test(t) && !/[★⭐🌟]/u.test(t);

  let score: Score | undefined;
  let rest = t;
  const whole = BARE_SCORE.exec(bare) ?? BARE_SCORE.exec(t.trim());
  if (whole?.[1]) return { kind: 'score', score: digit(whole[1]), remark: false };
  const stars = t.match(STARS)?.length ?? 0;
  if (stars >= 1 && stars <= 5) {
    score = stars as Score;
    rest = rest.replace(STARS, ' ').replace(/☆/g, ' ');
  }
  const unit = SCORE_WITH_UNIT.exec(rest) ?? SCORE_WITH_VERB.exec(rest) ?? LEADING_SCORE.exec(rest);
  if (unit) {
    score ??= digit(unit[1] ?? unit[2] ?? '');
    rest = rest.replace(unit[0], ' ');
  }
  for (const [re, s] of WHOLE_WORDS) if (score === undefined && re.test(bare)) return { kind: 'score', score: s, remark: false };
  for (const [re, s] of WORDS) {
    const m = re.exec(rest);
    if (!m) continue;
    score ??= s;
    rest = rest.replace(m[0], ' ');
  }
  if (score === undefined) return undefined;
  const left = rest.replace(FILLER, ' ').replace(PUNCT, '');
  // A question that happens to hold a score word (「一般多久能办好？」) is not a rating; a bare score with a question
  // mark still is (「5分？」).
  if (question && left.length > 0) return undefined;
  return { kind: 'score', score, remark: isRemark(left) };
}

/** 「跳过」「不评了」「没有了」"no thanks": the citizen does not want to rate or to add a comment. */
export function saysSkip(text: string): boolean {
  const t = normalizeText(text).toLowerCase();
  return SKIP_ZH.test(t.replace(PUNCT, '')) || SKIP_EN.test(t.replace(/[^\p{L}\p{N}'\s-]+/gu, ' ').replace(/\s+/g, ' ').trim());
}

/** What is left beside the score is worth keeping as a comment: a few Chinese characters or two English words. */
function isRemark(left: string): boolean {
  const cjk = (left.match(/\p{Script=Han}/gu) ?? []).length;
  const latin = left.replace(/\p{Script=Han}/gu, '');
  return cjk >= 3 || latin.length >= 8;
}

function digit(s: string): Score {
  const k = s.toLowerCase();
  return ZH_DIGITS[k] ?? EN_DIGITS[k] ?? (Number(k) as Score);
}
