import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CAPTURE_ENV } from '../support/capture';
import { scanText } from './scanCapture';

/**
 * Issue 8: no full ID number, phone number or VIN in logs, agent-facing transcripts, metrics or error
 * messages. Run by test/run.sh after the whole suite (jest.pii.config.js) over what the suite captured.
 */
describe('PII scan of everything the test suite wrote', () => {
  const dir = process.env[CAPTURE_ENV];
  const files = dir ? readdirSync(dir).sort() : [];

  it('the capture ran: logs, agent API bodies, /metrics, transcripts and bot process output are there', () => {
    if (!dir) throw new Error(`${CAPTURE_ENV} is not set: run the suite through test/run.sh (npm test)`);
    const written = (prefix: string): boolean => files.some((f) => f.startsWith(prefix) && readFileSync(join(dir, f), 'utf8').length > 0);
    expect(['log.', 'agent-api.', 'metrics.', 'transcripts.', 'bot-process.'].filter((p) => !written(p))).toEqual([]);
  });

  it('finds no full ID number, mobile number or VIN in any captured file', () => {
    const leaks = files.flatMap((f) => scanText(readFileSync(join(dir ?? '', f), 'utf8'))
      .map((x) => `${f}:${x.line}:${x.column} ${x.kind}${x.persona ? ' (sandbox persona)' : ''} ${x.masked}`));
    expect(leaks).toEqual([]);
  });
});
