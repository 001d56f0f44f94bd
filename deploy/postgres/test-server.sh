#!/usr/bin/env bash
# Prints a DATABASE_URL for a PostgreSQL server the test suite may use.
# Uses $DATABASE_URL when it names PostgreSQL; otherwise installs Debian's postgresql
# if needed, starts the local cluster with pg_ctlcluster and creates a `kb` role.
# Exit status 1 (with the reason on stderr) when no server can be had.
set -euo pipefail

say() { echo "postgres: $*" >&2; }

if [[ "${DATABASE_URL:-}" == postgres* ]]; then
  echo "$DATABASE_URL"
  exit 0
fi

if ! command -v pg_lsclusters >/dev/null 2>&1 || [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
  if [ "$(id -u)" != 0 ]; then
    say "PostgreSQL is not installed and this user cannot install it (apt-get install postgresql as root, or set DATABASE_URL)."
    exit 1
  fi
  say "installing Debian's postgresql package"
  export DEBIAN_FRONTEND=noninteractive
  (apt-get update -qq && apt-get install -y -qq postgresql >/dev/null) >&2 || { say "apt-get install postgresql failed"; exit 1; }
fi

read -r version cluster port status _ < <(pg_lsclusters -h | head -n 1)
if [ "$status" != "online" ]; then
  say "starting cluster $version/$cluster on port $port"
  pg_ctlcluster "$version" "$cluster" start >&2 || { say "pg_ctlcluster $version $cluster start failed"; exit 1; }
fi

for _ in $(seq 1 30); do
  if su postgres -c "psql -p $port -qtAc 'select 1'" >/dev/null 2>&1; then break; fi
  sleep 1
done

su postgres -c "psql -p $port -qtAc \"DO \\\$\\\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'kb') THEN
    CREATE ROLE kb LOGIN PASSWORD 'kb' CREATEDB;
  END IF;
END \\\$\\\$;\"" >&2 || { say "could not create the kb role"; exit 1; }
su postgres -c "psql -p $port -qtAc \"SELECT 1 FROM pg_database WHERE datname = 'kb'\"" | grep -q 1 \
  || su postgres -c "createdb -p $port -O kb kb" >&2

echo "postgres://kb:kb@127.0.0.1:$port/kb"
