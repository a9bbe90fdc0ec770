#!/bin/sh
# Mounted into /docker-entrypoint-initdb.d of the timescaledb container, so it runs once, when the
# database volume is first initialised (changing GRAFANA_DB_PASSWORD later takes an ALTER ROLE by hand,
# see infra/README.md). Creates the read-only role Grafana's datasource logs in as: Grafana runs the
# SQL its users type, so it must not hold the owner's rights.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v reader_password="$GRAFANA_DB_PASSWORD" <<'SQL'
CREATE ROLE grafana_reader LOGIN PASSWORD :'reader_password';
-- SELECT on every table, view and sequence, present and future, in every schema (PostgreSQL 14+).
GRANT pg_read_all_data TO grafana_reader;
ALTER ROLE grafana_reader SET default_transaction_read_only = on;
ALTER ROLE grafana_reader SET statement_timeout = '60s';
SQL
