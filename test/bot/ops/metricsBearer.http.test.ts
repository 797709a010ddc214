import { capture } from '../../support/capture';
import { startWeChatApp, type WeChatTestApp } from '../wechat/wechatClient';

const TOKEN = 'metrics-token-0123456789';

describe('/metrics: the Authorization scheme "Bearer" in any case (RFC 7235), the token exactly', () => {
  let t: WeChatTestApp;
  beforeAll(async () => {
    t = await startWeChatApp({ METRICS_TOKEN: TOKEN });
  });
  afterAll(() => t.close());

  const scrape = async (authorization: string): Promise<number> => {
    const res = await fetch(`${t.base}/metrics`, { headers: { authorization } });
    const text = await res.text();
    if (res.status >= 400) capture('http-errors', `GET /metrics ${res.status} ${text}`);
    return res.status;
  };

  it.each([`Bearer ${TOKEN}`, `bearer ${TOKEN}`, `BEARER ${TOKEN}`, `bEaReR ${TOKEN}`])('accepts "%s"', async (authorization) => {
    expect(await scrape(authorization)).toBe(200);
  });

  it.each([
    `Bearer ${TOKEN.toUpperCase()}`, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Basic ${TOKEN}`, `Bearer`, `Bearer${TOKEN}`, TOKEN,
  ])('refuses "%s"', async (authorization) => {
    expect(await scrape(authorization)).toBe(401);
  });
});
