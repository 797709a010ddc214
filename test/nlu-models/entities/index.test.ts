import { extractEntities } from '../../../nlu-models/entities';
import type { ExtractedEntity } from '../../../nlu-models/entities/types';

const TODAY = '2026-11-25';
const pairs = (text: string, today = TODAY) => extractEntities(text, { today }).map((e) => [e.entity, e.value]);

describe('extractEntities', () => {
  it.each<[string, Array<[string, string]>]>([
    ['帮我交苏A12345的罚款', [['plate_number', '苏A12345']]],
    ['苏Ａ１２３４５', [['plate_number', '苏A12345']]],
    ['我身份证320583198512240024', [['id_number', '320583198512240024']]],
    ['身份证１１０１０５１９４９１２３１００２ｘ', [['id_number', '11010519491231002X']]],
    ['明天上午约科目二', [['date', '2026-11-26'], ['exam_subject', '2']]],
    ['下周一约课目三，手机13912345678', [['date', '2026-11-30'], ['exam_subject', '3'], ['phone', '13912345678']]],
    [
      '车架号LSVAU2187N2123456的苏A12345有几条违章',
      [['vin', 'LSVAU2187N2123456'], ['plate_number', '苏A12345']],
    ],
    ['决定书320100123456789交100元', [['decision_number', '320100123456789'], ['amount', '100']]],
    ['两百块的罚款能在线交吗', [['amount', '200']]],
    ['十二月三号考科目四', [['date', '2026-12-03'], ['exam_subject', '4']]],
    [
      'I want to book subject 2 next monday, my phone is 139-1234-5678',
      [['exam_subject', '2'], ['date', '2026-11-30'], ['phone', '13912345678']],
    ],
    ['Pay the 200 yuan fine for plate 苏A12345 by dec 3rd', [['amount', '200'], ['plate_number', '苏A12345'], ['date', '2026-12-03']]],
    ['my VIN is lgxce4cb7r0654321', [['vin', 'LGXCE4CB7R0654321']]],
    ['你好', []],
  ])('%s', (text, expected) => {
    expect(pairs(text)).toEqual(expected);
  });

  it('reports offsets and surface forms in the normalised text', () => {
    const entities: ExtractedEntity[] = extractEntities('  帮我交  苏Ａ·１２３４５  的罚款 ', { today: TODAY });
    // normalised: "帮我交 苏A·12345 的罚款"
    expect(entities).toEqual([{ entity: 'plate_number', value: '苏A12345', start: 4, end: 12, text: '苏A·12345' }]);
  });

  it('resolves dates against the given clock', () => {
    expect(pairs('1月3号', '2026-12-28')).toEqual([['date', '2027-01-03']]);
  });

  it.each([
    ['an 18-digit number with a bad checksum is nothing', '320583198512240025'],
    ['an ID with an impossible birth date is nothing', '320102199002301231'],
    ['a 17-character VIN with a bad check digit is nothing', 'LSVAU2188N2123456'],
    ['a plate with O in the serial is nothing', '苏AO1234'],
    ['an invalid calendar date is nothing', '2月30日'],
  ])('%s (%s)', (_why, text) => {
    expect(extractEntities(text, { today: TODAY })).toEqual([]);
  });

  it('lets the more specific entity win when spans overlap', () => {
    // "科目三月三号": the date wins the shared 三 over the subject.
    expect(pairs('科目三月三号')).toEqual([['date', '2027-03-03']]);
  });
});
