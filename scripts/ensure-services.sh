#!/usr/bin/env bash
# The scale-out tests need PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379); the
# embedded default needs neither. Starts them where this machine has them installed.
set -euo pipefail
pg_up() { pg_isready -q -h 127.0.0.1 -p 5432 >/dev/null 2>&1; }
redis_up() { redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; }
if [ -n "${TEST_POSTGRES_URL:-}" ] || pg_up; then :; elif command -v pg_ctlcluster >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "Starting PostgreSQL ..."
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
  for _ in $(seq 1 30); do pg_up && break; sleep 1; done
fi
if [ -n "${TEST_REDIS_URL:-}" ] || redis_up; then :; elif command -v redis-server >/dev/null 2>&1; then
  echo "Starting Redis ..."
  mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no --dir /tmp --logfile /tmp/upstream-test-redis.log
  for _ in $(seq 1 30); do redis_up && break; sleep 1; done
fi
missing=()
[ -n "${TEST_POSTGRES_URL:-}" ] || pg_up || missing+=("PostgreSQL on 127.0.0.1:5432 (or set TEST_POSTGRES_URL)")
[ -n "${TEST_REDIS_URL:-}" ] || redis_up || missing+=("Redis on 127.0.0.1:6379 (or set TEST_REDIS_URL)")
if [ ${#missing[@]} -gt 0 ]; then
  echo "The scale-out tests need: ${missing[*]}." >&2
  exit 1
fi
