import type { Storage } from 'botbuilder';

const KEY = (openid: string): string => `wechat/options/${openid}`;

interface Stored { options: string[] }

/**
 * The numbered options shown last to each WeChat follower (the values behind "1. 查违章", "2. …"), which a bare
 * number answers. Only the WeChat turn reads and writes them.
 */
export class NumberedOptions {
  constructor(private readonly storage: Storage) {}

  async load(openid: string): Promise<string[]> {
    const items = await this.storage.read([KEY(openid)]);
    const stored = items[KEY(openid)] as Stored | undefined;
    return Array.isArray(stored?.options) ? stored.options : [];
  }

  async save(openid: string, options: string[]): Promise<void> {
    await this.storage.write({ [KEY(openid)]: { options, eTag: '*' } });
  }
}
