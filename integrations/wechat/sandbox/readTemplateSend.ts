import { WECHAT_ERRCODES } from '../types';

/** A template of the sandbox official account: its fields in the order the follower sees them. */
export interface SandboxTemplate {
  readonly id: string;
  readonly title: string;
  readonly fields: readonly { readonly key: string; readonly label: string }[];
}

/** A template message as the follower sees it: the template's title and each field's label with its value. */
export interface ReceivedTemplate {
  readonly msgtype: 'template';
  readonly template: {
    readonly template_id: string;
    readonly title: string;
    readonly url?: string;
    readonly fields: readonly { readonly key: string; readonly label: string; readonly value: string }[];
  };
}

/** A template send WeChat accepts: who, the 防重入 id if any, and the message as it will be shown. */
export interface TemplateSend {
  readonly touser: string;
  readonly clientMsgId?: string;
  readonly message: ReceivedTemplate;
}

/** Longest field value accepted, in characters. */
const MAX_VALUE_CHARS = 200;

/**
 * The body of POST /cgi-bin/message/template/send read against the account's templates, or WeChat's answer to a
 * body it refuses: 40037 for an unknown template_id, 47003 when the data misses a field of the template, has a
 * key the template does not, or a value that is not a non-empty string of at most 200 characters.
 */
export function readTemplateSend(body: unknown, templates: ReadonlyMap<string, SandboxTemplate>): TemplateSend | { errcode: number; errmsg: string } {
  const refuse = (errcode: number, errmsg: string): { errcode: number; errmsg: string } => ({ errcode, errmsg });
  const invalid = (what: string): { errcode: number; errmsg: string } => refuse(WECHAT_ERRCODES.invalidArgument, `argument invalid! ${what}`);
  if (!body || typeof body !== 'object') return refuse(44002, 'empty post data');
  const b = body as Record<string, unknown>;
  if (typeof b.touser !== 'string' || !b.touser) return refuse(40003, 'invalid openid');
  const template = typeof b.template_id === 'string' ? templates.get(b.template_id) : undefined;
  if (!template) return refuse(WECHAT_ERRCODES.invalidTemplate, 'invalid template_id');
  if (b.url !== undefined && typeof b.url !== 'string') return invalid('url is not a string');
  if (b.client_msg_id !== undefined && (typeof b.client_msg_id !== 'string' || !b.client_msg_id)) return invalid('client_msg_id is not a non-empty string');
  const data = b.data;
  if (!data || typeof data !== 'object' || Array.isArray(data)) return invalid('data is not an object');
  const entries = data as Record<string, unknown>;
  const known = new Set(template.fields.map((f) => f.key));
  const unknown = Object.keys(entries).find((k) => !known.has(k));
  if (unknown !== undefined) return invalid(`data.${unknown} is not a field of the template`);
  const fields: { key: string; label: string; value: string }[] = [];
  for (const { key, label } of template.fields) {
    const entry = entries[key];
    if (entry === undefined) return invalid(`data.${key} is missing`);
    const value = entry && typeof entry === 'object' ? (entry as Record<string, unknown>).value : undefined;
    if (typeof value !== 'string' || !value.trim()) return invalid(`data.${key}.value is empty`);
    if ([...value].length > MAX_VALUE_CHARS) return invalid(`data.${key}.value is longer than ${MAX_VALUE_CHARS} characters`);
    fields.push({ key, label, value });
  }
  return {
    touser: b.touser,
    ...(typeof b.client_msg_id === 'string' ? { clientMsgId: b.client_msg_id } : {}),
    message: {
      msgtype: 'template',
      template: { template_id: template.id, title: template.title, ...(typeof b.url === 'string' ? { url: b.url } : {}), fields },
    },
  };
}
