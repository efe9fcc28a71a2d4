#!/usr/bin/env bash
# Restores a backup made by backup.sh into an EMPTY database and data directory, with Synthos
# stopped:
#   DATABASE_URL=postgresql://…/new SYNTHOS_DATA_DIR=/new/data scripts/restore.sh DIR
# Then start Synthos on them: the schema is already current, so the migration does nothing.
set -euo pipefail
dir="${1:?usage: restore.sh DIR}"
: "${DATABASE_URL:?DATABASE_URL must name the (empty) database}"
: "${SYNTHOS_DATA_DIR:?SYNTHOS_DATA_DIR must name the data directory}"
pg_restore --no-owner --no-privileges --exit-on-error --dbname="$DATABASE_URL" "$dir/synthos.dump"
mkdir -p "$SYNTHOS_DATA_DIR"
tar -C "$SYNTHOS_DATA_DIR" -xzf "$dir/data.tar.gz"
echo "restore: database and $SYNTHOS_DATA_DIR restored from $dir"
