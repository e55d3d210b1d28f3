#!/usr/bin/env bash
# `npm test`: the whole suite. Checks what the tests need from the system first.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
bash scripts/ensure-system.sh
bash scripts/ensure-services.sh
npm run typecheck
npm run lint
npm run build
npx playwright test "$@"
