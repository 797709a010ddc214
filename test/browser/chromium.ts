import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** The system Chromium (Debian's package); browser tests use it instead of a downloaded browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const ROOT = join(__dirname, '..', '..');

/** Where browser tests leave screenshots and other artefacts for a person to look at. */
export const ARTIFACTS_DIR = join(ROOT, 'test-artifacts');

/**
 * Starts a headless Chromium. Browser tests are never skipped: without Chromium this throws, telling how to
 * install it.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error('Chromium is missing: run "apt-get install -y chromium" (as root) or "bash test/ensureChromium.sh"');
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
      '--no-first-run', '--disable-component-update', '--disable-sync',
    ],
  });
}

/** A file path under <repo>/test-artifacts/ (the folder is created). */
export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return join(ARTIFACTS_DIR, name);
}
