#!/usr/bin/env bash
# One login role per subgraph, owning its own schema and nothing else: a subgraph cannot read another's
# tables even by mistake. Runs once, when the PostgreSQL volume is created.
set -euo pipefail
for service in directory cases referrals programmes; do
  var="$(echo "$service" | tr '[:lower:]' '[:upper:]')_DB_PASSWORD"
  password="${!var:?set $var}"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<SQL
    CREATE ROLE kinga_${service} LOGIN PASSWORD '${password}';
    CREATE SCHEMA ${service} AUTHORIZATION kinga_${service};
    REVOKE ALL ON SCHEMA ${service} FROM PUBLIC;
SQL
done
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -c "REVOKE CREATE ON SCHEMA public FROM PUBLIC"
