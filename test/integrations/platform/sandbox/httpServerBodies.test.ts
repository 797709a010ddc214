import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSandboxHttpServer } from '../../../../integrations/platform/sandbox/httpServer';
import { capture } from '../../../support/capture';
import { sandbox } from '../fixtures';

/** `npm run sandbox` (the stand-in gateway) takes JSON only: an upload is refused unread, never written to the temp folder. */
describe('the sandbox platform server over HTTP: bodies', () => {
  const { db, platform, admin } = sandbox();
  const server = createSandboxHttpServer(platform, { admin });
  let url = '';
  let uploads = '';
  let savedTmp: string | undefined;

  beforeAll(async () => {
    uploads = mkdtempSync(join(tmpdir(), 'jiaoguan-sandbox-uploads-'));
    savedTmp = process.env.TMPDIR;
    process.env.TMPDIR = uploads;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    process.env.TMPDIR = savedTmp;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    db.close();
    rmSync(uploads, { recursive: true, force: true });
  });

  it.each([
    ['multipart/form-data; boundary=x', `--x\r\nContent-Disposition: form-data; name="f"; filename="big.bin"\r\n\r\n${'A'.repeat(100_000)}\r\n--x--\r\n`],
    ['application/x-www-form-urlencoded', 'idNumber=320583198512240024'],
    ['text/plain', 'hello'],
  ])('refuses %s with 415 and writes nothing to the temp folder', async (contentType, body) => {
    const r = await fetch(`${url}/v1/identity/binding-challenges`, { method: 'POST', headers: { 'content-type': contentType }, body });
    const text = await r.text();
    capture('http-errors', `POST /v1/identity/binding-challenges ${r.status} ${text}`);
    expect(r.status).toBe(415);
    expect(JSON.parse(text)).toMatchObject({ code: 'INVALID_ARGUMENT', message: 'only application/json bodies are accepted' });
    expect(readdirSync(uploads)).toEqual([]);
  });

  it('still answers JSON calls', async () => {
    const r = await fetch(`${url}/v1/openapi.json`);
    expect(r.status).toBe(200);
    const bad = await fetch(`${url}/v1/identity/binding-challenges`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"idNumber":' });
    capture('http-errors', `POST /v1/identity/binding-challenges ${bad.status} ${await bad.text()}`);
    expect(bad.status).toBe(400);
  });
});
