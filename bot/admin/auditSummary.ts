import type { AuditEntry } from '../../integrations/storage/auditLog';

/** What a summary may look up: people's names, intents' Chinese names, version numbers. */
export interface AuditNames {
  person(id: string): string | undefined;
  intent(name: string): string;
  version(id: string): number | undefined;
}

type Details = Readonly<Record<string, unknown>>;

const q = (text: unknown): string => `「${clip(text)}」`;
function clip(text: unknown, max = 40): string {
  const s = typeof text === 'string' ? text : text === undefined || text === null ? '' : JSON.stringify(text);
  const chars = Array.from(s.replace(/\s+/g, ' ').trim());
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('') || '（空）';
}
const obj = (v: unknown): Details => (v && typeof v === 'object' ? (v as Details) : {});
const firstAnswer = (intent: unknown): string | undefined => {
  const answers = obj(obj(intent).answers);
  const list = (answers['zh-CN'] ?? Object.values(answers).find((l) => Array.isArray(l) && l.length)) as unknown;
  return Array.isArray(list) && typeof list[0] === 'string' ? list[0] : undefined;
};
const cardTitle = (card: unknown): string => {
  const title = obj(card).title;
  return typeof title === 'string' ? title : String(obj(title)['zh-CN'] ?? obj(card).id ?? '');
};

/**
 * One audit entry as a sentence an admin reads: who did what, and for changes before → after in words
 * (张管理 修改了意图「停车」的回答：「东门有停车场」→「东西门都有停车场」). Actions it does not know are named as recorded.
 */
export function auditSummary(e: AuditEntry, names: AuditNames): string {
  const d = obj(e.details);
  const who = e.actor === 'system' ? '系统' : e.actor === 'cli' ? '命令行' : e.actor === 'anonymous' ? '未知用户'
    : names.person(e.actor) ?? (typeof d.admin === 'string' ? d.admin : typeof d.agent === 'string' ? d.agent : '某账号');
  const intentOf = (name: unknown) => q(names.intent(String(name ?? e.target ?? '')));
  const version = (id: unknown) => {
    const n = typeof id === 'string' ? names.version(id) : undefined;
    return n === undefined ? '另一版' : `第 ${n} 版`;
  };
  const person = (id: unknown, fallback: unknown) => (typeof id === 'string' ? names.person(id) : undefined) ?? (typeof fallback === 'string' ? fallback : '某账号');
  const what = ((): string => {
    switch (e.action) {
      case 'agent.login': return '登录了控制台';
      case 'agent.logout': return '退出了登录';
      case 'agent.login_failed': return `以账号${q(d.username)}登录失败`;
      case 'agent.create': return `新建了${d.role === 'admin' ? '管理员' : '客服'}账号${q(d.username)}`;
      case 'agent.password': return `重置了${q(person(e.target, d.username))}的密码`;
      case 'agent.disable': return `停用了账号${q(d.username)}`;
      case 'agent.enable': return `启用了账号${q(d.username)}`;
      case 'agent.presence': return `把自己的状态改为${d.status === 'available' ? '「在线」' : '「离开」'}`;
      case 'handoff.accept': return '接入了一位市民的会话';
      case 'handoff.message': return '回复了市民';
      case 'handoff.note': return '给会话写了备注';
      case 'handoff.transfer': return `把会话转给了${q(d.to)}${d.note ? '（附交接说明）' : ''}`;
      case 'handoff.close': return '结束了会话';
      case 'handoff.handback': return '把会话交还给机器人';
      case 'nlu.intent.create': return `新建了意图${intentOf(e.target)}`;
      case 'nlu.intent.update': {
        const before = obj(d.before);
        const after = obj(d.after);
        const changes: string[] = [];
        if (JSON.stringify(before.answers ?? {}) !== JSON.stringify(after.answers ?? {})) {
          changes.push(`的回答：${firstAnswer(before) ? q(firstAnswer(before)) : '（无）'}→${firstAnswer(after) ? q(firstAnswer(after)) : '（无）'}`);
        }
        if ((before.description ?? '') !== (after.description ?? '')) changes.push(`的说明：${q(before.description)}→${q(after.description)}`);
        return changes.length ? `修改了意图${intentOf(e.target)}${changes.join('；')}` : `保存了意图${intentOf(e.target)}（没有改动）`;
      }
      case 'nlu.intent.delete': return `删除了意图${intentOf(e.target)}${typeof d.utterances === 'number' ? `及其 ${d.utterances} 条例句` : ''}`;
      case 'nlu.utterance.add': return `给意图${intentOf(e.target)}添加了例句${q(obj(d.after).text)}`;
      case 'nlu.utterance.delete': return `删除了意图${intentOf(e.target)}的例句${q(obj(d.before).text)}`;
      case 'nlu.utterance.restore': return `恢复了意图${intentOf(e.target)}的例句${q(obj(d.after).text)}（撤销删除）`;
      case 'nlu.utterance.bulk': return `给意图${intentOf(e.target)}批量添加了 ${Number(d.added ?? 0)} 条例句`;
      case 'nlu.train': return `开始训练第 ${Number(d.number ?? 0)} 版模型（${Number(d.utterances ?? 0)} 条例句，${Number(d.folds ?? 0)} 折评估）`;
      case 'nlu.publish': {
        const delta = typeof d.accuracyDelta === 'number' ? `，准确率${d.accuracyDelta >= 0 ? '提高' : '下降'} ${Math.abs(d.accuracyDelta * 100).toFixed(1)} 个百分点` : '';
        const forced = d.forced ? `，强制发布，理由：${q(d.reason)}` : '';
        return `发布了${version(d.after ?? e.target)}模型（替换${version(d.before)}${delta}${forced}）`;
      }
      case 'nlu.rollback': return `把模型回滚到${version(d.after ?? e.target)}（之前是${version(d.before)}）`;
      case 'nlu.import': return `导入了语料：新增 ${Number(d.intents ?? 0)} 个意图、${Number(d.utterances ?? 0)} 条例句`;
      case 'nlu.corpus.dismiss': return `忽略了语料文件 ${clip(e.target)} 的更新`;
      case 'nlu.inbox.filed': return `把没听懂的消息${q(d.text)}归入意图${intentOf(d.intent)}`;
      case 'nlu.inbox.out_of_scope': return `把没听懂的消息${q(d.text)}标为不属于我们的业务`;
      case 'nlu.inbox.ignored': return `忽略了没听懂的消息${q(d.text)}`;
      case 'knowledge.card.create': return `新建了知识卡片${q(cardTitle(d.after))}`;
      case 'knowledge.card.edit': return `修改了知识卡片${q(cardTitle(d.after))}`;
      case 'knowledge.card.retire': return `停用了知识卡片 ${clip(e.target)}`;
      case 'knowledge.card.restore': return `恢复了知识卡片 ${clip(e.target)}`;
      case 'knowledge.publish': return `发布了第 ${Number(d.number ?? 0)} 版知识库（${Number(d.cards ?? 0)} 张卡片）`;
      case 'knowledge.rollback': return `把知识库回滚到第 ${Number(d.number ?? 0)} 版`;
      case 'knowledge.inbox.card': return `用 ${Array.isArray(d.items) ? d.items.length : 0} 条未解答的问题新建了知识卡片`;
      default: return `进行了操作 ${e.action}${e.target ? `（${clip(e.target)}）` : ''}`;
    }
  })();
  return `${who} ${what}`;
}
