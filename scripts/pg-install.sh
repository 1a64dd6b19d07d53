#!/usr/bin/env bash
# Install PostgreSQL's server from Debian's packages when no server binaries are present. Idempotent:
# does nothing when /usr/lib/postgresql/*/bin/initdb already exists. Needs root (CI runs as root).
# Debian's package creates and starts its own cluster on port 5432; the tests do not use it
# (scripts/with-postgres.sh starts a throwaway one), so it is left as the package set it up.
set -euo pipefail

if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  exit 0
fi
if [[ "$(id -u)" -ne 0 ]]; then
  echo "pg-install: PostgreSQL is not installed and we are not root: install the postgresql package" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends postgresql >/dev/null
ls /usr/lib/postgresql/*/bin/initdb >/dev/null
