import { extractExamSubjects } from '../../../nlu-models/entities/examSubject';

const found = (text: string) => extractExamSubjects(text).map((e) => [e.value, e.text]);

describe('extractExamSubjects', () => {
  it.each<[string, Array<[string, string]>]>([
    ['科目一', [['1', '科目一']]],
    ['科目1', [['1', '科目1']]],
    ['科一', [['1', '科一']]],
    ['科1', [['1', '科1']]],
    ['我想约理论考试', [['1', '理论考试']]],
    ['理论什么时候考', [['1', '理论']]],
    ['明天上午约科目二', [['2', '科目二']]],
    ['科目2', [['2', '科目2']]],
    ['科二挂了', [['2', '科二']]],
    ['场地考试', [['2', '场地考试']]],
    ['倒车入库总是压线', [['2', '倒车入库']]],
    ['科目三', [['3', '科目三']]],
    ['科三', [['3', '科三']]],
    ['约路考', [['3', '路考']]],
    ['大路什么时候能考', [['3', '大路']]],
    ['科目四', [['4', '科目四']]],
    ['科4', [['4', '科4']]],
    ['安全文明常识考试', [['4', '安全文明常识']]],
    ['安全文明', [['4', '安全文明']]],
    ['科目 三', [['3', '科目 三']]],
    // near misses
    ['课目二', [['2', '课目二']]],
    ['科木三', [['3', '科木三']]],
    ['科目贰', [['2', '科目贰']]],
    ['预约科幕四', [['4', '科幕四']]],
    ['安全文名常识', [['4', '安全文名常识']]],
    // English
    ['I want to book subject 1', [['1', 'subject 1']]],
    ['subject two please', [['2', 'subject two']]],
    ['Subject 4', [['4', 'Subject 4']]],
    ['the theory test', [['1', 'theory test']]],
    ['book my theroy exam', [['1', 'theroy exam']]],
    ['when is the field test', [['2', 'field test']]],
    ['Road test tomorrow', [['3', 'Road test']]],
    ['the driving test on road', [['3', 'driving test on road']]],
    ['on-road test', [['3', 'on-road test']]],
    ['subjet 3', [['3', 'subjet 3']]],
    ['科目一和科目四', [['1', '科目一'], ['4', '科目四']]],
  ])('%s', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it.each([
    ['subject 5 does not exist', '科目五'],
    ['科目12 is not a subject', '科目12'],
    ['项目一 is "item one"', '项目一'],
    ['题目二 is "question two"', '题目二'],
    ['both characters wrong', '课木二'],
    ['本科一 (first-tier university)', '本科一批'],
    ['理论上 means "in theory"', '理论上可以'],
    ['English subject 5', 'subject 5'],
    ['read test is not road test', 'read test'],
    ['no subject at all', '我要交罚款'],
  ])('does not extract: %s (%s)', (_why, text) => {
    expect(extractExamSubjects(text)).toEqual([]);
  });
});
