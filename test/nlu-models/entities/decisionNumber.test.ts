import { extractDecisionNumbers } from '../../../nlu-models/entities/decisionNumber';

const found = (text: string) => extractDecisionNumbers(text).map((e) => [e.value, e.start, e.end]);

describe('extractDecisionNumbers', () => {
  it.each<[string, Array<[string, number, number]>]>([
    ['320100123456789', [['320100123456789', 0, 15]]],
    ['决定书编号320100123456789怎么交', [['320100123456789', 5, 20]]],
    ['pay decision 3201001234567890 now', [['3201001234567890', 13, 29]]],
  ])('%s', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it.each([
    ['14 digits', '32010012345678'],
    ['17 digits', '32010012345678901'],
    ['18 digits (an ID-length run)', '320102199003071238'],
    ['glued to letters', 'A320100123456789'],
    ['followed by a letter', '320100123456789B'],
    ['a phone number', '13912345678'],
  ])('does not extract: %s (%s)', (_why, text) => {
    expect(extractDecisionNumbers(text)).toEqual([]);
  });
});
