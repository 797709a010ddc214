#!/usr/bin/env bash
# The project's test command (npm test): build what the tests need, then run jest.
set -euo pipefail
cd "$(dirname "$0")/.."
# The trained NLU model is an artefact, not a committed file: train it when missing or stale (seconds).
npx tsx nlu-models/cli/index.ts ensure
# Browser tests drive Debian's Chromium (never a downloaded one): installed here when missing and allowed (root, as in CI).
bash test/ensureChromium.sh
npx tsc -p tsconfig.json --noEmit
npx jest "$@"
