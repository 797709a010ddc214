/**
 * Writes the assembled contract to integrations/platform/openapi.json (the artefact for gateway implementers):
 * `npx tsx integrations/platform/openapi/write.ts`. A test fails while the file differs from the assembly.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assemblePlatformOpenApi } from './assemble';

writeFileSync(join(__dirname, '..', 'openapi.json'), JSON.stringify(assemblePlatformOpenApi(), null, 2));
