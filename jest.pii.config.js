/** Issue 8's PII scan over test-output/pii-capture/, run by test/run.sh after the whole suite (never by `npx jest`). */
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = { ...base, roots: ['<rootDir>/test/pii'], testMatch: ['**/*.pii.ts'] };
