#!/usr/bin/env bash
# Start a local PostgreSQL for the registry and print its DATABASE_URL.
#
# Idempotent: installs the server if missing, starts the cluster if stopped,
# creates the role and database only if absent. For development and CI on one
# machine: it listens on 127.0.0.1 only, with a throw-away password.
#
#   export DATABASE_URL="$(scripts/start-postgres.sh | tail -n 1)"
#
# Everything but the URL goes to stderr; the URL is the last line of stdout.
set -euo pipefail

DB_NAME="${LUOSHI_PG_DB:-luoshi}"
DB_USER="${LUOSHI_PG_USER:-luoshi}"
DB_PASSWORD="${LUOSHI_PG_PASSWORD:-luoshi}"
DB_PORT="${LUOSHI_PG_PORT:-5432}"

log() { echo "start-postgres: $*" >&2; }

if ! command -v pg_lsclusters >/dev/null 2>&1; then
    log "installing postgresql"
    apt-get update >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2
fi

read -r VERSION CLUSTER < <(pg_lsclusters --no-header | awk -v port="$DB_PORT" '$3 == port {print $1, $2; exit}')
if [[ -z "${VERSION:-}" ]]; then
    VERSION="$(ls /usr/lib/postgresql | sort -V | tail -1)"
    CLUSTER=main
    log "creating cluster $VERSION/$CLUSTER on port $DB_PORT"
    pg_createcluster "$VERSION" "$CLUSTER" --port "$DB_PORT" >&2
fi

STATUS="$(pg_lsclusters --no-header | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c {print $4}')"
if [[ "$STATUS" != online* ]]; then
    log "starting cluster $VERSION/$CLUSTER"
    pg_ctlcluster "$VERSION" "$CLUSTER" start >&2
fi

for _ in $(seq 1 30); do
    if su postgres -c "psql -p $DB_PORT -tAc 'select 1'" >/dev/null 2>&1; then break; fi
    sleep 1
done

psql_admin() { su postgres -c "psql -p $DB_PORT -v ON_ERROR_STOP=1 -tAc \"$1\""; }

if [[ "$(psql_admin "select 1 from pg_roles where rolname = '$DB_USER'")" != "1" ]]; then
    log "creating role $DB_USER"
    # CREATEDB: the test suite creates and drops its own test_luoshi database.
    psql_admin "create role $DB_USER login createdb password '$DB_PASSWORD'" >&2
fi
if [[ "$(psql_admin "select 1 from pg_database where datname = '$DB_NAME'")" != "1" ]]; then
    log "creating database $DB_NAME"
    psql_admin "create database $DB_NAME owner $DB_USER" >&2
fi

echo "postgres://$DB_USER:$DB_PASSWORD@127.0.0.1:$DB_PORT/$DB_NAME"
