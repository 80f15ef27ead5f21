#!/usr/bin/env bash
# Throwaway PostgreSQL servers for the tests: `pg-cluster.sh start DIR N` makes N servers under DIR, each
# with its own data folder, listening only on a Unix socket in that folder, and prints one
# `postgresql://…` URL per line; `pg-cluster.sh stop DIR` stops them and removes DIR.
# PostgreSQL refuses to run as root, so as root the servers run as the `postgres` user (Debian's package
# creates it).
set -euo pipefail
BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
cmd=${1:?start|stop}
dir=${2:?folder}
as_owner() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}
case "$cmd" in
  start)
    n=${3:-1}
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    for i in $(seq 1 "$n"); do
      data="$dir/pg$i"
      as_owner "'$BIN/initdb' -D '$data' -U kaoping --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null"
      as_owner "'$BIN/pg_ctl' -D '$data' -l '$data/server.log' -w -o \"-k '$data' -c listen_addresses='' -c fsync=off -c max_connections=30 -c shared_buffers=64MB\" start >/dev/null"
      # A URL with the socket folder as host (percent-encoded slashes).
      host=$(printf '%s' "$data" | sed 's#/#%2F#g')
      echo "postgresql://kaoping@${host}/postgres"
    done
    ;;
  stop)
    for data in "$dir"/pg*; do
      [ -d "$data" ] && as_owner "'$BIN/pg_ctl' -D '$data' -m immediate stop >/dev/null 2>&1" || true
    done
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start DIR N | stop DIR" >&2
    exit 2
    ;;
esac
