import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { artifactPath } from './chromium';

/** Where the README's pictures live; `README_SCREENSHOTS=1 npm run test:browser` refreshes them. */
export const README_SCREENSHOTS_DIR = join(__dirname, '..', '..', 'docs', 'screenshots');

/**
 * A screenshot of a console workflow for the README, taken by the test that drives it: always written to
 * test-artifacts/readme-<name>.png; also copied to docs/screenshots/<name>.png when README_SCREENSHOTS=1 (so an
 * ordinary test run does not rewrite tracked files). Only the viewport (or `clip`), at a phone's or a laptop's size.
 */
export async function readmeScreenshot(page: Page, name: string): Promise<string> {
  const path = artifactPath(`readme-${name}.png`);
  await page.screenshot({ path });
  if (process.env.README_SCREENSHOTS === '1') {
    mkdirSync(README_SCREENSHOTS_DIR, { recursive: true });
    copyFileSync(path, join(README_SCREENSHOTS_DIR, `${name}.png`));
  }
  return path;
}
