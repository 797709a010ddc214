import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { DialogDeps } from '../../DialogDeps';
import { msg } from '../../i18n/turnLocale';
import { ask, AskPrompt } from '../../prompts/AskPrompt';
import type { FlowOptions } from '../../shared/FlowOptions';
import { consentStates } from './consentStates';
import type { NoticeTopicId } from './NoticeTopic';
import { reachable } from './NoticeSettingsDialog';
import { topicList } from './noticeText';
import { NOTICE_PROMPTS } from './prompts';
import { NOTICE_TOPICS } from './topics';

export const NOTICE_STOP_DIALOG = 'notices.stopDialog';
const MAIN = 'notices.stop.main';

interface NoticeStopState extends FlowOptions {
  granted?: NoticeTopicId[];
}

type Step = WaterfallStepContext<NoticeStopState>;

/**
 * 「不要再提醒」: every topic the citizen turned on, turned off after a confirmation (「确定关闭全部N项提醒吗？」), then
 * named as the store reports them turned off; with none on, says so. Ends with true when something was turned off.
 */
export class NoticeStopDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(NOTICE_STOP_DIALOG);
    this.addDialog(new AskPrompt(NOTICE_PROMPTS.stop, deps));
    this.addDialog(new WaterfallDialog<NoticeStopState>(MAIN, [this.confirm.bind(this), this.stop.bind(this)]));
    this.initialDialogId = MAIN;
  }

  private async confirm(step: Step): Promise<DialogTurnResult> {
    const ctx = step.context;
    const at = reachable(this.deps, ctx);
    if (!at) {
      await ctx.sendActivity(msg(ctx, 'notices.wechatOnly'));
      return step.endDialog(null);
    }
    let granted: NoticeTopicId[];
    try {
      const states = await consentStates(at.notices, at.citizen);
      granted = NOTICE_TOPICS.map((t) => t.id).filter((t) => states[t] === 'granted');
    } catch {
      await ctx.sendActivity(msg(ctx, 'notices.saveFailed'));
      return step.endDialog(null);
    }
    if (granted.length === 0) {
      await ctx.sendActivity(msg(ctx, 'notices.stop.none'));
      return step.endDialog(null);
    }
    step.options.granted = granted;
    return ask(step, NOTICE_PROMPTS.stop, {
      prompt: msg(ctx, 'notices.stop.confirm', { count: granted.length, topics: topicList(ctx, granted) }),
      doneSoFar: msg(ctx, 'notices.stop.keptNote'),
    });
  }

  private async stop(step: Step): Promise<DialogTurnResult> {
    const ctx = step.context;
    const at = reachable(this.deps, ctx);
    if (step.result !== true || !at) {
      await ctx.sendActivity(msg(ctx, 'notices.stop.kept'));
      return step.endDialog(null);
    }
    try {
      const off = await at.notices.set(at.citizen, step.options.granted ?? [], 'revoked');
      if (off.length === 0) {
        await ctx.sendActivity(msg(ctx, 'notices.stop.none'));
        return step.endDialog(null);
      }
      await ctx.sendActivity(msg(ctx, 'notices.stop.done', { count: off.length, topics: topicList(ctx, off) }));
      return step.endDialog(true);
    } catch {
      await ctx.sendActivity(msg(ctx, 'notices.saveFailed'));
      return step.endDialog(null);
    }
  }
}
