#!/usr/bin/env bash
# Backs up one Synthos installation into DIR: the PostgreSQL database (pg_dump, custom format)
# and, taken after it, the dataset store and warranty signing keys under SYNTHOS_DATA_DIR.
#   DATABASE_URL=postgresql://… SYNTHOS_DATA_DIR=/var/lib/synthos/data scripts/backup.sh DIR
# Run it against the data service's data directory (datasets/) and the API node's
# (warranty-keys/); in one process both are under the same SYNTHOS_DATA_DIR. A key given with
# SYNTHOS_WARRANTY_KEY_FILE is yours to keep: this script does not copy it.
set -euo pipefail
dir="${1:?usage: backup.sh DIR}"
: "${DATABASE_URL:?DATABASE_URL must name the database}"
: "${SYNTHOS_DATA_DIR:?SYNTHOS_DATA_DIR must name the data directory}"
mkdir -p "$dir"
# The dump first: files the database names then exist in the copy taken afterwards (the data
# service writes a dataset's files before its record turns ready and never rewrites them).
pg_dump --format=custom --no-owner --no-privileges --file="$dir/synthos.dump" "$DATABASE_URL"
parts=()
for part in datasets warranty-keys; do
  [ -e "$SYNTHOS_DATA_DIR/$part" ] && parts+=("$part")
done
tar -C "$SYNTHOS_DATA_DIR" -czf "$dir/data.tar.gz" "${parts[@]}"
echo "backup: $dir/synthos.dump, $dir/data.tar.gz (${parts[*]})"
