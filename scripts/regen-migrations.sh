#!/usr/bin/env bash
# Re-creates the initial migration of both providers from the current model. Until the first production
# deployment the schema has a single "Initial" migration per provider; after it, add migrations instead.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
rm -rf AnBien.Bot/Storage/Migrations
for provider in Sqlite Postgres; do
  dotnet ef migrations add Initial --project AnBien.Bot --context "${provider}BotDbContext" \
    --output-dir "Storage/Migrations/${provider}"
done
