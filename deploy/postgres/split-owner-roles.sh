#!/usr/bin/env bash
# For a database made before the schema owner and the serving role were split (one role per subgraph that owned
# its schema and served requests): gives each schema to a new <prefix>_<service>_owner, leaving
# <prefix>_<service> to serve. Run once, as the database's administrator, with the services stopped:
#   POSTGRES_USER=kinga_admin POSTGRES_DB=kinga DIRECTORY_DB_OWNER_PASSWORD=... (one per service) \
#     bash deploy/postgres/split-owner-roles.sh
# then start each subgraph with MIGRATION_DATABASE_URL naming its owner (docker-compose.yml does): its first
# start grants the serving role what serving needs. Running it again changes nothing. It repeats the first
# lines of 01-service-roles.sh rather than sharing them: docker mounts that script alone.
set -euo pipefail
prefix="${KINGA_ROLE_PREFIX:-kinga}"
[[ "$prefix" =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "KINGA_ROLE_PREFIX: lower-case letters, digits and _ only" >&2; exit 1; }
for service in directory cases referrals programmes; do
  upper="$(echo "$service" | tr '[:lower:]' '[:upper:]')"
  owner_var="${upper}_DB_OWNER_PASSWORD"
  owner_password="${!owner_var:?set $owner_var}"
  psql -v ON_ERROR_STOP=1 -v owner_password="$owner_password" --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<SQL
    SELECT NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${prefix}_${service}_owner') AS missing \gset
    \if :missing
      CREATE ROLE ${prefix}_${service}_owner LOGIN PASSWORD :'owner_password';
    \endif
    REASSIGN OWNED BY ${prefix}_${service} TO ${prefix}_${service}_owner;
SQL
done
