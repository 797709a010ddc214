import { NluEngine } from '../../../../nlu-models/recognizer/NluEngine';
import { projectModel } from '../../../nlu-models/recognizer/projectModel';

const nlu = new NluEngine(projectModel());
const TODAY = '2026-11-25';

/** The account's intents are told apart from cancel (取消…) and from the points and plate questions (我…的是…). */
describe('understanding the account intents', () => {
  it.each([
    ['解绑', 'identity.unbind'], ['解除绑定', 'identity.unbind'], ['取消绑定', 'identity.unbind'], ['我要解除身份绑定', 'identity.unbind'],
    ['unbind', 'identity.unbind'], ['unlink my ID from this account', 'identity.unbind'],
    ['我绑定的是谁', 'identity.whoami'], ['我绑的哪个身份证', 'identity.whoami'], ['我现在绑的是哪个身份证', 'identity.whoami'],
    ['who am I bound as', 'identity.whoami'], ['which ID is linked to my account', 'identity.whoami'],
    ['取消', 'cancel'], ['算了不办了', 'cancel'], ['取消预约', 'exam.cancel'], ['我还剩几分', 'points.query'], ['查记分', 'points.query'],
    ['查一下我的车牌', 'plate.query'],
  ])('「%s」 → %s', (text, intent) => {
    const u = nlu.understand(text, TODAY);
    expect({ text, intent: u.intent, confident: u.score >= 0.6 }).toEqual({ text, intent, confident: true });
  });
});
