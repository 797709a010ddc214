import { ActivityHandler, type ConversationState, type TurnContext, type UserState } from 'botbuilder';
import { DialogContext, DialogSet, DialogTurnStatus, type Dialog, type DialogState } from 'botbuilder-dialogs';
import { serviceButtons } from '../dialogs/main/menu';
import { SERVICE_INDEX } from '../dialogs/services';
import { msg } from '../dialogs/i18n/turnLocale';
import { WECHAT_EVENTS } from './channels/wechat/toActivity';
import { TurnRecords } from './TurnRecords';

/**
 * The bot: every message runs the main dialog on the conversation's dialog state; new members are
 * welcomed with the services. State is saved at the end of every turn (eTag-checked by the storage), with
 * the turn's answer when its channel asked for it (TurnRecords: a retry after a crash repeats it).
 *
 * The dialog runs on a DialogSet (continue, or begin when nothing is running) rather than through
 * botbuilder-dialogs' runDialog, which per turn also loads and saves every memory scope (a second hash
 * and save of the state saved below) and builds a memory snapshot for an Emulator trace: a fifth of a
 * turn's CPU, for features (adaptive memory scopes, skills) this bot does not use.
 */
export class JiaoguanBot extends ActivityHandler {
  /** The answers of the last turns, saved with the dialog state (for channels that ask). */
  readonly turns: TurnRecords;

  constructor(
    private readonly conversationState: ConversationState,
    private readonly userState: UserState,
    dialog: Dialog,
    /** The services offered as buttons on a welcome (the service index's main menu). */
    menu: readonly string[] = SERVICE_INDEX.menuIntents,
  ) {
    super();
    this.turns = new TurnRecords(conversationState);
    const dialogs = new DialogSet(conversationState.createProperty<DialogState>('DialogState')).add(dialog);
    const none = new DialogSet();
    this.onMessage(async (ctx, next) => {
      if (!ctx.activity.text?.trim()) {
        // Pictures, voice without recognition, locations, links, stickers: say what the bot can read.
        const unheardVoice = (ctx.activity.channelData as { msgType?: string } | undefined)?.msgType === 'voice';
        await ctx.sendActivity(msg(ctx, unheardVoice ? 'main.voiceNotRecognized' : 'main.nonText'));
      } else {
        // A DialogContext's first continueDialog in a turn emits "activityReceived" from the leaf up, which makes
        // every prompt on the stack recognise the message once more just to report it; the interruptions of
        // this bot live in MainDialog.onContinueDialog, so the event is spent here on an empty stack.
        await new DialogContext(none, ctx, { dialogStack: [] }).continueDialog();
        const dc = await dialogs.createContext(ctx);
        const result = await dc.continueDialog();
        if (result.status === DialogTurnStatus.empty) await dc.beginDialog(dialog.id);
      }
      await next();
    });
    this.onEvent(async (ctx, next) => {
      // A WeChat follower scanned the account's QR code or clicked a menu entry the bot does not know.
      if (ctx.activity.name === WECHAT_EVENTS.scan || ctx.activity.name === WECHAT_EVENTS.menu) {
        await ctx.sendActivity(serviceButtons(ctx, `${msg(ctx, 'main.welcomeBack')}${msg(ctx, 'main.menuPrompt')}`, menu));
      }
      await next();
    });
    this.onMembersAdded(async (ctx, next) => {
      const joined = (ctx.activity.membersAdded ?? []).filter((m) => m.id !== ctx.activity.recipient?.id);
      if (joined.length) await ctx.sendActivity(serviceButtons(ctx, msg(ctx, 'main.welcome'), menu));
      await next();
    });
  }

  override async run(ctx: TurnContext): Promise<void> {
    await super.run(ctx);
    await this.turns.store(ctx);
    await this.conversationState.saveChanges(ctx, false);
    await this.userState.saveChanges(ctx, false);
  }
}
