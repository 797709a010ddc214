/**
 * Pinyin (Chinese written in Latin letters: "wo yao yue kaoshi", "cha weizhang", "kǎoshì", "kao3shi4") told apart
 * from English. Every word is segmented into the ~410 valid Mandarin syllables (dynamic programming, fewest
 * syllables; as in pinyin spelling, a syllable starting with a, o or e only begins a word or follows an
 * apostrophe). Many English words are pinyin-shaped too (a, an, he, men, long, hang, you, house, license, date):
 * a segmentable word reads as pinyin only when it is a common pinyin word (wo, ni, kemu, cha…) or holds a syllable
 * English spelling hardly ever makes (zh/x/q/j initials; ao, uo, ei, ia, ua, iao, ian, iang, uan, ui, iu, ue,
 * eng finals) — otherwise it is "ambiguous" and never makes a message Chinese on its own.
 */

const SYLLABLES = `
a ai an ang ao
ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu
ca cai can cang cao ce cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang
chui chun chuo ci cong cou cu cuan cui cun cuo
da dai dan dang dao de dei den deng di dia dian diao die ding diu dong dou du duan dui dun duo
e ei en eng er
fa fan fang fei fen feng fo fou fu
ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo
ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo
ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun
ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo
la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu lo long lou lu luan lun luo lv lve lue
ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu
na nai nan nang nao ne nei nen neng ni nian niang niao nie nin ning niu nong nou nu nuan nun nuo nv nve nue
o ou
pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu
qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun
ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo
sa sai san sang sao se sen seng sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang
shui shun shuo si song sou su suan sui sun suo
ta tai tan tang tao te teng ti tian tiao tie ting tong tou tu tuan tui tun tuo
wa wai wan wang wei wen weng wo wu
xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun
ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun
za zai zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai
zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo
`;

export const PINYIN_SYLLABLES: ReadonlySet<string> = new Set(SYLLABLES.split(/\s+/).filter(Boolean));
const LONGEST = 6;

/** Common pinyin words that show no distinctive syllable ("wo", "ni", "kemu", "cha"). Lower case, no tones. */
const PINYIN_WORDS = new Set(`
wo ni ta nin women nimen tamen bu de le ne ba shi mei meiyou dui hao haode keyi cha chadan ban banli fa fen kou
kemu kefu rengong chepai paizi chezi che chexian nianjian biangeng buban suan wen wenti shenme
zenme nage zhege zhe ge dou hen ke hai zai lai mai kai gai dai cai qu kan gei mang zou
`.split(/\s+/).filter(Boolean));

/** Distinctive: initials or finals English spelling (almost) never produces in a word that also segments. */
const DISTINCTIVE = /^(?:zh|x|q|j)|(?:ao|uo|ei|ia|ua|ian|iang|iong|uan|ui|iu|ue|ve|v|eng)$/;

/**
 * English words (and English-speaking interjections) that read as pinyin by the rules above: they count as
 * ambiguous, so "guide me", "taxi please" or "ni hao" written by… stay as the words around them say.
 */
const ENGLISH_SHAPED = new Set(`
ai ao ei eng a an o e er en ou ma me ha he ye yo la lo le na
guide guides suite media taxi maxi emoji june juju chai beige lei remain remaining yuan
ian sean diana median hawaii banzai
`.split(/\s+/).filter(Boolean));

const TONE_MARKS = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/;
const VOWEL_START = /^[aoe]/;

/** The word without tone marks or tone digits, lower case, ü → v: "Kǎo3shì" → "kaoshi". */
export function plainPinyin(word: string): string {
  return word
    .toLowerCase()
    .replace(/[ǖǘǚǜü]/g, 'v')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[1-5]/g, '');
}

/**
 * The fewest valid syllables `plain` (lower case, no tones) splits into, or undefined when it does not; a syllable
 * starting with a vowel only at the start (pinyin spells xi'an, fang'an with an apostrophe).
 */
export function segmentPinyin(plain: string): string[] | undefined {
  if (!/^[a-z]+$/.test(plain)) return undefined;
  const best: (string[] | undefined)[] = new Array(plain.length + 1).fill(undefined);
  best[0] = [];
  for (let i = 0; i < plain.length; i += 1) {
    const before = best[i];
    if (!before) continue;
    for (let len = 1; len <= LONGEST && i + len <= plain.length; len += 1) {
      const s = plain.slice(i, i + len);
      if (!PINYIN_SYLLABLES.has(s) || (i > 0 && VOWEL_START.test(s))) continue;
      const next = best[i + len];
      if (!next || next.length > before.length + 1) best[i + len] = [...before, s];
    }
  }
  return best[plain.length];
}

/**
 * How a Latin word reads:
 * - `pinyin`: as pinyin only (kaoshi, weizhang, wo, yao, xie, "kǎo", "kao3");
 * - `ambiguous`: valid pinyin, and as plausible English (a, he, men, long, you, house, date, guide);
 * - `other`: not pinyin (English, an abbreviation, a code).
 * Tone marks or tone digits make any segmentable word `pinyin`.
 */
export type PinyinReading = 'pinyin' | 'ambiguous' | 'other';

export function readPinyin(word: string): PinyinReading {
  const plain = plainPinyin(word);
  const syllables = segmentPinyin(plain);
  if (!syllables) return 'other';
  if (TONE_MARKS.test(word) || /[a-zü][1-5]/.test(word)) return 'pinyin';
  // "ID", "OK", "VIN", "APP", "AN": capitals are abbreviations or shouting, not pinyin.
  if (word.length > 1 && word === word.toUpperCase()) return 'other';
  if (ENGLISH_SHAPED.has(plain)) return 'ambiguous';
  if (PINYIN_WORDS.has(plain) || syllables.some((s) => DISTINCTIVE.test(s))) return 'pinyin';
  return 'ambiguous';
}
