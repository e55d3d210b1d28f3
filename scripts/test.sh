#!/usr/bin/env bash
# `npm test`: the whole suite. Checks what the tests need from the system first, then the
# layers, quickest first so that a broken unit fails in seconds: unit (no services), then type
# check, lint and the production build, then the API, browser and PostgreSQL layers in one
# Playwright run (playwright.config.ts). Arguments go to that run: `npm test -- e2e/api/x.spec.ts`.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
bash scripts/ensure-system.sh
bash scripts/ensure-services.sh
npm run test:unit
npm run typecheck
npm run lint
npm run build
npx playwright test "$@"
