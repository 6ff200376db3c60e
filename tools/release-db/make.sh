#!/usr/bin/env bash
# Makes the databases of an earlier release for the upgrade test (tests/it/upgrade.rs): builds
# REV in a git worktree, runs it on a fresh SQLite file and on a fresh PostgreSQL database,
# opens a campaign, invites, and has respondents answer through its pages (answer.py); then
# writes to OUT/ for each database a dump of it (sqlite.sql by Python's iterdump; postgres.sql by
# pg_dump),
# that release's JSON export of the campaign (*-export.json) and the links to open again
# (*-links.json). Run once per release from the repository's root:
#   tools/release-db/make.sh be4b0d8 tests/fixtures/release-0.1.0
set -euo pipefail
rev=$1
out=$(realpath -m "$2")
root=$(git rev-parse --show-toplevel)
work=$(mktemp -d)
git -C "$root" worktree add --detach "$work/src" "$rev" >/dev/null
cleanup() { git -C "$root" worktree remove --force "$work/src"; rm -rf "$work"; }
trap cleanup EXIT
# Its own target directory: the repository's binary must stay the current one.
CARGO_TARGET_DIR="$work/target" cargo build --quiet --manifest-path "$work/src/Cargo.toml" --bin coomet-surveys
bin="$work/target/debug/coomet-surveys"
mkdir -p "$out"

run() { # name database_url
  local name=$1 url=$2 data="$work/$1" port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  export DATABASE_URL=$url DATA_DIR=$data PUBLIC_URL=http://127.0.0.1:$port ROCKET_PORT=$port
  (cd "$work/src" && exec "$bin" serve >"$work/$name.log" 2>&1) &
  local pid=$!
  for _ in $(seq 1 100); do curl -fs "$PUBLIC_URL/health" >/dev/null && break; sleep 0.2; done
  local id
  id=$(cd "$work/src" && "$bin" campaign open --form training-needs --year 2025 | tail -1)
  (cd "$work/src" && "$bin" invite "$id" && "$bin" mail send) >/dev/null
  python3 "$root/tools/release-db/answer.py" "$PUBLIC_URL" "$data/outbox" >"$out/$name-links.json"
  (cd "$work/src" && "$bin" export "$id" --format json -o "$out/$name-export.json")
  kill -TERM "$pid"; wait "$pid" || true
}

run sqlite "sqlite://$work/sqlite/coomet.db?mode=rwc"
(cd "$work/src" && DATABASE_URL="sqlite://$work/sqlite/coomet.db" "$bin" backup -o "$work/sqlite.db")
# Kept as text: a dump is read in review and in diffs; the test rebuilds the file from it.
python3 -c 'import sqlite3, sys; open(sys.argv[2], "w", encoding="utf-8").writelines(l + "\n" for l in sqlite3.connect(sys.argv[1]).iterdump())' "$work/sqlite.db" "$out/sqlite.sql"

db=release_fixture_$$
psql -q -h 127.0.0.1 -U postgres -d test -c "CREATE DATABASE $db"
run postgres "postgres://postgres@127.0.0.1:5432/$db"
pg_dump --no-owner --no-privileges -h 127.0.0.1 -U postgres "$db" >"$out/postgres.sql"
psql -q -h 127.0.0.1 -U postgres -d test -c "DROP DATABASE $db"
echo "made $(ls "$out")"
