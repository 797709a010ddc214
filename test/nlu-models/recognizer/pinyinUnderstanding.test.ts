import { loadCorpusFile, projectCorpusFiles } from '../../../nlu-models/corpus/loadCorpus';
import { NluEngine } from '../../../nlu-models/recognizer/NluEngine';
import { projectModel } from './projectModel';

const TODAY = '2026-11-25';
/** Below this the main loop asks instead of acting (MainDialog CONFIDENT). */
const CONFIDENT = 0.6;
/** At the name question (BindingDialog) a bare answer scoring this is a request, not a name. */
const REQUEST_CONFIDENT = 0.85;

/**
 * Citizens type Chinese as pinyin (toneless, lowercase, with or without spaces, 科目二 as "kemu 2"/"ke er", a few tone
 * digits). The project model learns it from nlu-models/corpora/zh-CN/pinyin.json; the messages below are that file's
 * held-out tests (never trained), so the table says what a citizen typing pinyin is understood as.
 */
describe('pinyin messages are understood', () => {
  const engine = new NluEngine(projectModel());

  it.each([
    ['wo yao yuyue kaoshi', 'exam.book'],
    ['yu4yue1 ke1mu4 er4', 'exam.book'],
    ['bang wo yue kemu 2', 'exam.book'],
    ['ke si yuyue yixia', 'exam.book'],
    ['wo xiang yue kemu san', 'exam.book'],
    ['yuekaoshi', 'exam.book'],
    ['yuyue ke yi', 'exam.book'],
    ['yue kemu er de kaoshi', 'exam.book'],
    ['wo de kaoshi shi na tian', 'exam.query'],
    ['cha yixia kaoshi shijian', 'exam.query'],
    ['yue shang mei you', 'exam.query'],
    ['kemu san zai na li kao', 'exam.query'],
    ['chayuyue', 'exam.query'],
    ['wo yue de ke er shi jidian', 'exam.query'],
    ['wo xiang gai kaoshi shijian', 'exam.reschedule'],
    ['kemu 2 gaiyue', 'exam.reschedule'],
    ['huan yi tian kao', 'exam.reschedule'],
    ['kaoshi gaiqi yixia', 'exam.reschedule'],
    ['gaiqikaoshi', 'exam.reschedule'],
    ['ba ke si gai dao xia ge yue', 'exam.reschedule'],
    ['bang wo quxiao kaoshi', 'exam.cancel'],
    ['kemu san quxiao yuyue', 'exam.cancel'],
    ['quxiao wo de yuekao', 'exam.cancel'],
    ['ke yi bu kao le tui diao', 'exam.cancel'],
    ['quxiaokemuer', 'exam.cancel'],
    ['yuyue bu yao le quxiao kaoshi', 'exam.cancel'],
    ['wo xiang xuan chepai', 'plate.select'],
    ['xin che yao xuan hao', 'plate.select'],
    ['bang wo tiao ge chepai hao', 'plate.select'],
    ['zixuan chepai', 'plate.select'],
    ['woyaoxuanhao', 'plate.select'],
    ['chepai zi ji xuan', 'plate.select'],
    ['cha yixia wo de chepai hao', 'plate.query'],
    ['wo xuan de haopai shi na ge', 'plate.query'],
    ['xuan hao jieguo zenmeyang', 'plate.query'],
    ['chaxuanhao', 'plate.query'],
    ['wo xuan guo de chepai', 'plate.query'],
    ['xuan de hao guoqi le mei', 'plate.query'],
    ['bang wo cha weizhang', 'fine.query'],
    ['cha2 yi2xia4 wei2zhang1', 'fine.query'],
    ['wo de weizhang jilu', 'fine.query'],
    ['you weizhang ma', 'fine.query'],
    ['chayixiaweizhang', 'fine.query'],
    ['kan yixia wo de che you mei you weifa', 'fine.query'],
    ['weifa chaxun', 'fine.query'],
    ['wo xiang jiao fakuan', 'fine.pay'],
    ['chuli wo de weizhang', 'fine.pay'],
    ['fakuan zenme jiaona', 'fine.pay'],
    ['jiaoweizhangfakuan', 'fine.pay'],
    ['bang wo ba fakuan jiao le', 'fine.pay'],
    ['weifa chuli', 'fine.pay'],
    ['wo de jiazhao hai you ji fen', 'points.query'],
    ['wo3 de ji4fen1', 'points.query'],
    ['cha yixia jifen', 'points.query'],
    ['wokoulejifen', 'points.query'],
    ['jiazhao koufen chaxun', 'points.query'],
    ['wo kou man le mei', 'points.query'],
    ['jiashizheng jifen', 'points.query'],
    ['wo xiang jiebang', 'identity.unbind'],
    ['jiechu wo de bangding', 'identity.unbind'],
    ['quxiaobangding', 'identity.unbind'],
    ['bangding jiechu', 'identity.unbind'],
    ['bang wo ba shenfenzheng jiebang', 'identity.unbind'],
    ['wo bangding de shi na ge shenfenzheng', 'identity.whoami'],
    ['cha kan wo de bangding', 'identity.whoami'],
    ['bangding de shenfen shi shei', 'identity.whoami'],
    ['wobangdeshishei', 'identity.whoami'],
    ['kan yixia bangding xinxi', 'identity.whoami'],
    ['nin hao zai ma', 'greet'],
    ['nihaoya', 'greet'],
    ['zaoshanghao', 'greet'],
    ['zaibuzai', 'greet'],
    ['xiexie ni', 'thanks'],
    ['feichangganxie', 'thanks'],
    ['xinkule', 'thanks'],
    ['duoxie la', 'thanks'],
    ['hao de zaijian', 'goodbye'],
    ['xian zhe yang ba', 'goodbye'],
    ['huitoujian', 'goodbye'],
    ['meishile baibai', 'goodbye'],
    ['ni dou neng bang wo gan ma', 'help'],
    ['zhe ge zenme yong a', 'help'],
    ['younaxiegongneng', 'help'],
    ['wo neng wen ni shenme', 'help'],
    ['suanle', 'cancel'],
    ['bu gao le', 'cancel'],
    ['quxiao ba', 'cancel'],
    ['tuichu dangqian caozuo', 'cancel'],
    ['gei wo zhuan rengong', 'agent.handoff'],
    ['zhaorengong', 'agent.handoff'],
    ['jiqiren ting bu dong huan ren', 'agent.handoff'],
    ['wo yao zhao kefu', 'agent.handoff'],
  ])('"%s" → %s', (text, intent) => {
    const u = engine.understand(text, TODAY);
    expect({ text, intent: u.intent, confident: u.score >= CONFIDENT }).toEqual({ text, intent, confident: true });
  });

  it.each(['gongjijin mima wang le', 'mingtian xia yu ma', 'shebaoka diu le', 'tuijian yi bu dianying'])('"%s" (not about traffic) is not understood as a request', (text) => {
    expect(engine.understand(text, TODAY).intent).toBe('None');
  });

  it.each(['shide', 'hao de ya', 'dui de', 'keyi a'])('"%s" (a bare yes/ok) starts nothing', (text) => {
    const u = engine.understand(text, TODAY);
    expect(u.intent === 'None' || u.score < CONFIDENT).toBe(true);
  });

  it.each(['zhang wei', 'Zhang Wei', 'li na', 'Wang Qiang', 'liu yang', 'huang min'])('a pinyin name "%s" is no request (the name question keeps it as a name)', (text) => {
    const u = engine.understand(text, TODAY);
    expect(u.intent === 'None' || u.score < REQUEST_CONFIDENT).toBe(true);
  });

  it('the tables are held out: every message is a test of the pinyin corpus and no corpus trains it', () => {
    const corpora = projectCorpusFiles().map((f) => loadCorpusFile(f));
    const held = new Set(corpora.filter((c) => c.variant === 'pinyin').flatMap((c) => c.data.flatMap((d) => d.tests ?? [])));
    const trained = new Set(corpora.flatMap((c) => c.data.flatMap((d) => d.utterances.map((u) => u.trim().toLowerCase()))));
    const table = ['wo yao yuyue kaoshi', 'yu4yue1 ke1mu4 er4', 'bang wo yue kemu 2', 'ke si yuyue yixia', 'wo xiang yue kemu san', 'yuekaoshi', 'yuyue ke yi', 'yue kemu er de kaoshi', 'wo de kaoshi shi na tian', 'cha yixia kaoshi shijian', 'yue shang mei you', 'kemu san zai na li kao', 'chayuyue', 'wo yue de ke er shi jidian', 'wo xiang gai kaoshi shijian', 'kemu 2 gaiyue', 'huan yi tian kao', 'kaoshi gaiqi yixia', 'gaiqikaoshi', 'ba ke si gai dao xia ge yue', 'bang wo quxiao kaoshi', 'kemu san quxiao yuyue', 'quxiao wo de yuekao', 'ke yi bu kao le tui diao', 'quxiaokemuer', 'yuyue bu yao le quxiao kaoshi', 'wo xiang xuan chepai', 'xin che yao xuan hao', 'bang wo tiao ge chepai hao', 'zixuan chepai', 'woyaoxuanhao', 'chepai zi ji xuan', 'cha yixia wo de chepai hao', 'wo xuan de haopai shi na ge', 'xuan hao jieguo zenmeyang', 'chaxuanhao', 'wo xuan guo de chepai', 'xuan de hao guoqi le mei', 'bang wo cha weizhang', 'cha2 yi2xia4 wei2zhang1', 'wo de weizhang jilu', 'you weizhang ma', 'chayixiaweizhang', 'kan yixia wo de che you mei you weifa', 'weifa chaxun', 'wo xiang jiao fakuan', 'chuli wo de weizhang', 'fakuan zenme jiaona', 'jiaoweizhangfakuan', 'bang wo ba fakuan jiao le', 'weifa chuli', 'wo de jiazhao hai you ji fen', 'wo3 de ji4fen1', 'cha yixia jifen', 'wokoulejifen', 'jiazhao koufen chaxun', 'wo kou man le mei', 'jiashizheng jifen', 'wo xiang jiebang', 'jiechu wo de bangding', 'quxiaobangding', 'bangding jiechu', 'bang wo ba shenfenzheng jiebang', 'wo bangding de shi na ge shenfenzheng', 'cha kan wo de bangding', 'bangding de shenfen shi shei', 'wobangdeshishei', 'kan yixia bangding xinxi', 'nin hao zai ma', 'nihaoya', 'zaoshanghao', 'zaibuzai', 'xiexie ni', 'feichangganxie', 'xinkule', 'duoxie la', 'hao de zaijian', 'xian zhe yang ba', 'huitoujian', 'meishile baibai', 'ni dou neng bang wo gan ma', 'zhe ge zenme yong a', 'younaxiegongneng', 'wo neng wen ni shenme', 'suanle', 'bu gao le', 'quxiao ba', 'tuichu dangqian caozuo', 'gei wo zhuan rengong', 'zhaorengong', 'jiqiren ting bu dong huan ren', 'wo yao zhao kefu', 'gongjijin mima wang le', 'mingtian xia yu ma', 'shebaoka diu le', 'tuijian yi bu dianying', 'shide', 'hao de ya', 'dui de', 'keyi a', 'zhang wei', 'Zhang Wei', 'li na', 'Wang Qiang', 'liu yang', 'huang min'];
    expect(table.filter((t) => !held.has(t) || trained.has(t.toLowerCase()))).toEqual([]);
  });

  // Tone marks are folded by normalizeText (NFD without the combining marks, ü → v), so they read as toneless pinyin.
  it.each([['wǒ yào yùyuē kǎoshì', 'exam.book'], ['chá wéizhāng', 'fine.query'], ['wǒ de jìfēn', 'points.query']])('tone-marked "%s" is %s', (text, intent) => {
    const u = engine.understand(text, TODAY);
    expect({ text, intent: u.intent, confident: u.score >= CONFIDENT }).toEqual({ text, intent, confident: true });
  });
});
