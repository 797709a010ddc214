import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_STATUS } from '../../../../integrations/platform/errors';
import { assemblePlatformOpenApi } from '../../../../integrations/platform/openapi/assemble';

const ARTEFACT = join(__dirname, '..', '..', '..', '..', 'integrations', 'platform', 'openapi.json');

describe('the platform contract assembled from the ports\' fragments', () => {
  it('the committed openapi.json is the assembly (rewrite it: npx tsx integrations/platform/openapi/write.ts)', () => {
    expect(readFileSync(ARTEFACT, 'utf8')).toBe(JSON.stringify(assemblePlatformOpenApi(), null, 2));
  });

  it('its ErrorCode enum is every declared code, and every error shape refers to it', () => {
    const doc = assemblePlatformOpenApi();
    expect(doc.components.schemas['ErrorCode']).toEqual({ type: 'string', enum: Object.keys(ERROR_STATUS) });
    expect(JSON.stringify(doc.components.schemas['Error'])).toContain('#/components/schemas/ErrorCode');
  });

  it('every reference points at a schema or parameter some fragment describes', () => {
    const doc = assemblePlatformOpenApi();
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/(schemas|parameters)\/(\w+)"/g)];
    expect(refs.length).toBeGreaterThan(0);
    const missing = refs.filter(([, kind, name]) => !(name! in doc.components[kind as 'schemas' | 'parameters']));
    expect(missing.map(([ref]) => ref)).toEqual([]);
  });
});
