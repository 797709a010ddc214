import { NluEngine } from '../../../nlu-models/recognizer/NluEngine';
import { languageOf } from '../../../nlu-models/recognizer/languageOf';
import { projectModel } from './projectModel';

const TODAY = '2026-11-25';

describe('NluEngine on the project model', () => {
  const engine = new NluEngine(projectModel());

  it.each([
    // what the citizen says → intent, entities (entity=value)
    ['帮我交苏A12345的罚款', 'fine.pay', ['plate_number=苏A12345']],
    ['明天上午约科目二', 'exam.book', ['date=2026-11-26', 'exam_subject=2']],
    ['我还有几分', 'points.query', []],
    ['我想取消下周一的科目三考试', 'exam.cancel', ['date=2026-11-30', 'exam_subject=3']],
    ['我的科目一约在哪天', 'exam.query', ['exam_subject=1']],
    ['新车想选个号牌', 'plate.select', []],
    ['查一下苏A12345有没有违章', 'fine.query', ['plate_number=苏A12345']],
    ['转人工', 'agent.handoff', []],
    ['你好', 'greet', []],
    ['谢谢啦', 'thanks', []],
    ['今天天气怎么样', 'None', ['date=2026-11-25']],
    ['社保卡丢了怎么补办', 'None', []],
    ['book my road test for next monday', 'exam.book', ['exam_subject=3', 'date=2026-11-30']],
    ['how many points do i have left on my licence', 'points.query', []],
    ['I want to talk to a real person', 'agent.handoff', []],
  ])('"%s" → %s %j', async (text, intent, entities) => {
    const u = engine.understand(text, TODAY);
    expect(u.intent).toBe(intent);
    expect(u.entities.map((e) => `${e.entity}=${e.value}`)).toEqual(entities);
  });

  it('returns the top intent, the runners-up, entities with their offsets, and the language', () => {
    const u = engine.understand('帮我交苏A12345的罚款', TODAY);
    expect(u.intent).toBe('fine.pay');
    expect(u.alternatives[0]).toEqual({ intent: 'fine.pay', score: u.score });
    expect(u.alternatives.length).toBeGreaterThan(1);
    expect(u.entities).toEqual([{ entity: 'plate_number', value: '苏A12345', text: '苏A12345', start: 3, end: 10 }]);
    expect(u.language).toBe('zh');
    expect(engine.understand('帮我cancel一下考试', TODAY).language).toBe('mixed');
    expect(engine.understand('pay my fine', TODAY).language).toBe('en');
  });

  it.each([
    ['帮我交苏A12345的罚款', 'zh'],
    ['帮我cancel一下考试', 'mixed'],
    ['pay my fine', 'en'],
    ['book 科目三 tomorrow please', 'en'],
    ['please book for 12月3号', 'en'],
    ['ok', 'en-short'],
    ['1', 'none'],
    ['LSVAU2187N2123456', 'none'],
    ['苏A12345', 'none'],
  ] as const)('reports the same language without classifying: %j → %s', (text, language) => {
    expect(languageOf(text)).toBe(language);
    expect(engine.understand(text, TODAY).language).toBe(language);
  });

  it('answers None for empty, noise and overlong input without throwing', () => {
    expect(engine.understand('', TODAY).intent).toBe('None');
    expect(engine.understand('？？？', TODAY).intent).toBe('None');
    const long = engine.understand('查违章'.repeat(10_000), TODAY);
    expect(long.text.length).toBe(500);
  });

  it('normalises full-width input before understanding it', () => {
    const u = engine.understand('帮我交苏Ａ１２３４５的罚款', TODAY);
    expect(u.intent).toBe('fine.pay');
    expect(u.entities.map((e) => e.value)).toEqual(['苏A12345']);
  });

  it('switches to a new model without a restart', () => {
    const swapped = new NluEngine(projectModel());
    const before = swapped.understand('转人工', TODAY).intent;
    const other = projectModel();
    swapped.setModel(other);
    expect(swapped.currentModel).toBe(other);
    expect(swapped.understand('转人工', TODAY).intent).toBe(before);
  });
});
