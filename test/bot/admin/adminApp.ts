import { startWeChatApp, type WeChatTestApp } from '../wechat/wechatClient';
import { AdminClient } from './adminClient';

export const ADMIN_PASSWORD = 'correct horse 12';

/** A bot (WeChat test app, ready) with 张管理 (zhang.admin, role admin) signed in to the admin API. */
export async function startWithAdmin(): Promise<{ t: WeChatTestApp; admin: AdminClient }> {
  const t = await startWeChatApp();
  await t.app.ready;
  await t.app.agents.create({ username: 'zhang.admin', password: ADMIN_PASSWORD, displayName: '张管理', role: 'admin' });
  const admin = new AdminClient(t.base);
  expect(await admin.login('zhang.admin', ADMIN_PASSWORD)).toBe(200);
  return { t, admin };
}
