import { MainDialog } from '../../../dialogs/main/MainDialog';
import { SERVICE_INDEX, SERVICES } from '../../../dialogs/services';
import { bindAs, dialogClient, makeWorld, PERSONAS, play } from '../harness';
import { defineMatrix } from './defineMatrix';
import { matrixCells } from './runMatrix';
import { POINTS_REACH } from './reach/points';

defineMatrix('points', POINTS_REACH);

describe('prompt × act matrix: points asks no questions', () => {
  it('declares none, so the matrix has no cells for it (a question declared later fails until reached)', () => {
    expect(SERVICES.find((s) => s.name === 'points')?.prompts ?? []).toEqual([]);
    expect(matrixCells('points', POINTS_REACH)).toEqual([]);
  });

  it.each([
    ['我驾照还剩几分', '已记6分，满分12分。'],
    ['how many points do I have', 'you have 6 of 12 points'],
  ])('李娜 「%s」: the answer comes at once, with no question to answer', async (text, answer) => {
    const world = makeWorld();
    await bindAs(world, PERSONAS.liNa);
    await play(dialogClient(new MainDialog(world.deps, SERVICE_INDEX)), [[text, [answer]]]);
  });
});
