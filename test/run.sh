#!/usr/bin/env bash
# The project's test command (npm test): build what the tests need, then run jest.
set -euo pipefail
cd "$(dirname "$0")/.."
# The trained NLU model is an artefact, not a committed file: train it when missing or stale (seconds).
npx tsx nlu-models/cli/index.ts ensure
# Browser tests drive Debian's Chromium (never a downloaded one): installed here when missing and allowed (root, as in CI).
bash test/ensureChromium.sh
npx tsc -p tsconfig.json --noEmit
# Issue 8's PII scan: tests write what the product showed them (logs, agent-facing bodies, /metrics, errors,
# bot process output) into a fresh capture folder; after a full run a second jest config scans all of it.
export JIAOGUAN_CAPTURE_DIR="$PWD/test-output/pii-capture"
rm -rf "$JIAOGUAN_CAPTURE_DIR" && mkdir -p "$JIAOGUAN_CAPTURE_DIR"
status=0
npx jest "$@" || status=$?
if [ "$#" -eq 0 ]; then
  npx jest -c jest.pii.config.js || status=1
fi
exit "$status"
