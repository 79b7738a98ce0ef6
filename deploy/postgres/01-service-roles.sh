#!/usr/bin/env bash
# Two login roles per subgraph, run once when the PostgreSQL volume is created:
# - <prefix>_<service>_owner owns the subgraph's schema and migrates it (MIGRATION_DATABASE_URL);
# - <prefix>_<service> serves requests (DATABASE_URL). It owns nothing: each start, the owner grants it its
#   schema's tables, with only SELECT and INSERT on the audit trail and the histories, so it can neither rewrite
#   them nor switch their append-only triggers off.
# Neither can read another subgraph's schema. KINGA_ROLE_PREFIX (default kinga) lets tests make their own.
set -euo pipefail
prefix="${KINGA_ROLE_PREFIX:-kinga}"
# Role names go into SQL unquoted, where PostgreSQL would fold capitals that the services' URLs keep.
[[ "$prefix" =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "KINGA_ROLE_PREFIX: lower-case letters, digits and _ only" >&2; exit 1; }
for service in directory cases referrals programmes; do
  upper="$(echo "$service" | tr '[:lower:]' '[:upper:]')"
  serving_var="${upper}_DB_PASSWORD"
  owner_var="${upper}_DB_OWNER_PASSWORD"
  serving_password="${!serving_var:?set $serving_var}"
  owner_password="${!owner_var:?set $owner_var}"
  # Passwords travel as psql variables (:'name' quotes them), so that no character of theirs is read as SQL.
  psql -v ON_ERROR_STOP=1 -v owner_password="$owner_password" -v serving_password="$serving_password" \
    --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<SQL
    CREATE ROLE ${prefix}_${service}_owner LOGIN PASSWORD :'owner_password';
    CREATE ROLE ${prefix}_${service} LOGIN PASSWORD :'serving_password';
    CREATE SCHEMA ${service} AUTHORIZATION ${prefix}_${service}_owner;
    REVOKE ALL ON SCHEMA ${service} FROM PUBLIC;
SQL
done
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -c "REVOKE CREATE ON SCHEMA public FROM PUBLIC"
