import { ActivityHandler, type ConversationState, type TurnContext, type UserState } from 'botbuilder';
import { runDialog, type Dialog, type DialogState } from 'botbuilder-dialogs';
import { serviceButtons } from '../dialogs/main/menu';
import { MENU_INTENTS } from '../dialogs/main/serviceIntents';
import { msg } from '../dialogs/i18n/turnLocale';
import { WECHAT_EVENTS } from './channels/wechat/toActivity';

/**
 * The bot: every message runs the main dialog on the conversation's dialog state; new members are
 * welcomed with the services. State is saved at the end of every turn (eTag-checked by the storage).
 */
export class JiaoguanBot extends ActivityHandler {
  constructor(
    private readonly conversationState: ConversationState,
    private readonly userState: UserState,
    dialog: Dialog,
  ) {
    super();
    const dialogState = conversationState.createProperty<DialogState>('DialogState');
    this.onMessage(async (ctx, next) => {
      if (!ctx.activity.text?.trim()) {
        // Pictures, voice without recognition, locations, links, stickers: say what the bot can read.
        const unheardVoice = (ctx.activity.channelData as { msgType?: string } | undefined)?.msgType === 'voice';
        await ctx.sendActivity(msg(ctx, unheardVoice ? 'main.voiceNotRecognized' : 'main.nonText'));
      } else {
        await runDialog(dialog, ctx, dialogState);
      }
      await next();
    });
    this.onEvent(async (ctx, next) => {
      // A WeChat follower scanned the account's QR code or clicked a menu entry the bot does not know.
      if (ctx.activity.name === WECHAT_EVENTS.scan || ctx.activity.name === WECHAT_EVENTS.menu) {
        await ctx.sendActivity(serviceButtons(ctx, `${msg(ctx, 'main.welcomeBack')}${msg(ctx, 'main.menuPrompt')}`, MENU_INTENTS));
      }
      await next();
    });
    this.onMembersAdded(async (ctx, next) => {
      const joined = (ctx.activity.membersAdded ?? []).filter((m) => m.id !== ctx.activity.recipient?.id);
      if (joined.length) await ctx.sendActivity(serviceButtons(ctx, msg(ctx, 'main.welcome'), MENU_INTENTS));
      await next();
    });
  }

  override async run(ctx: TurnContext): Promise<void> {
    await super.run(ctx);
    await this.conversationState.saveChanges(ctx, false);
    await this.userState.saveChanges(ctx, false);
  }
}
