#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# pg-cluster.sh: a throwaway PostgreSQL cluster for tests.
#
#   scripts/pg-cluster.sh start DIR   create DIR, initdb, start, create the
#                                     database satupintu_test, and print one
#                                     line on stdout: its URL
#   scripts/pg-cluster.sh stop DIR    stop the cluster and remove DIR
#   scripts/pg-cluster.sh pause DIR   stop the server (fast: sessions are
#                                     cut), keeping DIR and its data
#   scripts/pg-cluster.sh resume DIR  start it again on the same port
#                                     (tests of a database restart)
#
# The cluster lives entirely in DIR: data in DIR/data, the Unix socket in
# DIR, the server log in DIR/postgres.log, the TCP port in DIR/port. It
# listens on 127.0.0.1 only, trusts every local connection and runs with
# fsync off: it is for tests and holds nothing worth keeping.
#
# Must not: touch the system cluster (/var/lib/postgresql, pg_ctlcluster,
# port 5432 unless free), remove a directory it did not create (stop only
# removes DIR when it holds the marker DIR/.pg-cluster), or print anything
# but the URL on stdout.
#
# As root, the server runs as the `postgres` system user (initdb and pg_ctl
# refuse to run as root), so DIR must be reachable by that user: a
# directory under /tmp is. Otherwise it runs as the current user.
set -euo pipefail

PG_DB_NAME=satupintu_test
PG_PORT_FIRST=55432
PG_PORT_LAST=55531
PG_MARKER=.pg-cluster

log() { printf 'pg-cluster: %s\n' "$*" >&2; }
die() {
    log "error: $*"
    exit 1
}

# Directory of the newest installed server binaries, or nothing.
pg_bindir() {
    local initdb
    # shellcheck disable=SC2012 # paths are /usr/lib/postgresql/NN/bin/initdb
    initdb=$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
    [[ -n $initdb ]] && dirname "$initdb"
    return 0
}

# Install the server package when its binaries are missing.
ensure_server() {
    [[ -n $(pg_bindir) ]] && return 0
    [[ $(id -u) -eq 0 ]] || die "PostgreSQL server binaries missing and not root to install them"
    log "installing the postgresql package"
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2; then
        apt-get update -q >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2
    fi
    [[ -n $(pg_bindir) ]] || die "postgresql installed but no /usr/lib/postgresql/*/bin/initdb"
}

# Run a server binary as the cluster owner: postgres when we are root.
# Runs from / so the owner never needs access to the caller's directory.
as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        (cd / && runuser -u postgres -- "$@")
    else
        (cd / && "$@")
    fi
}

# True when something listens on TCP port $1 (any address).
port_in_use() {
    ss -Hltn "sport = :$1" 2>/dev/null | grep -q . && return 0
    # ss may be missing or filtered: fall back to a connection attempt.
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    return 1
}

# True when the cluster in DIR/data is running.
is_running() {
    local dir=$1 bindir
    bindir=$(pg_bindir)
    [[ -n $bindir && -f $dir/data/PG_VERSION ]] || return 1
    as_owner "$bindir/pg_ctl" status -D "$dir/data" >/dev/null 2>&1
}

cmd_start() {
    local dir=$1 bindir port url
    # pg_ctl hands -o to a shell: keep DIR free of quoting trouble.
    [[ $dir =~ ^[A-Za-z0-9._/-]+$ ]] || die "$dir: use only [A-Za-z0-9._/-]"
    ensure_server
    bindir=$(pg_bindir)

    if [[ -e $dir ]]; then
        dir=$(cd "$dir" && pwd -P)
        if [[ -f $dir/$PG_MARKER && -f $dir/port ]] && is_running "$dir"; then
            port=$(<"$dir/port")
            log "already running in $dir on port $port"
            printf 'postgresql://postgres@127.0.0.1:%s/%s\n' "$port" "$PG_DB_NAME"
            return 0
        fi
        [[ -z $(ls -A "$dir") ]] || die "$dir exists and is not empty"
    else
        mkdir -p "$dir"
        dir=$(cd "$dir" && pwd -P)
    fi
    [[ $dir =~ ^[A-Za-z0-9._/-]+$ ]] || die "$dir: use only [A-Za-z0-9._/-]"
    touch "$dir/$PG_MARKER"
    chmod 700 "$dir"
    # The socket path DIR/.s.PGSQL.NNNNN must fit in sun_path (107 bytes).
    ((${#dir} <= 90)) || die "$dir is too long for a Unix socket directory"
    if [[ $(id -u) -eq 0 ]]; then
        getent passwd postgres >/dev/null || die "no postgres system user"
        chown -R postgres: "$dir"
        runuser -u postgres -- test -w "$dir" ||
            die "user postgres cannot write $dir (a parent directory is closed?)"
    fi

    log "initdb in $dir/data"
    as_owner "$bindir/initdb" -D "$dir/data" -A trust -U postgres --no-sync \
        -E UTF8 --locale=C.UTF-8 >&2

    # Another process may take a free port before the server binds it, so
    # a start that fails is retried on the next free port.
    port=$PG_PORT_FIRST
    while :; do
        while port_in_use "$port"; do
            ((port < PG_PORT_LAST)) || die "no free port in $PG_PORT_FIRST..$PG_PORT_LAST"
            port=$((port + 1))
        done
        log "starting on 127.0.0.1:$port"
        if as_owner "$bindir/pg_ctl" start -w -t 60 -D "$dir/data" \
            -l "$dir/postgres.log" -o "-p $port -k $dir \
            -c listen_addresses=127.0.0.1 -c fsync=off \
            -c synchronous_commit=off -c full_page_writes=off \
            -c max_connections=100" >&2; then
            break
        fi
        is_running "$dir" && break
        ((port < PG_PORT_LAST)) || die "server did not start; see $dir/postgres.log"
        tail -n 5 "$dir/postgres.log" >&2 || true
        port=$((port + 1))
    done
    printf '%s\n' "$port" >"$dir/port"

    local i
    for ((i = 0; i < 60; i++)); do
        "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres && break
        sleep 0.5
    done
    "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres ||
        die "server on port $port not ready; see $dir/postgres.log"

    "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres "$PG_DB_NAME" >&2
    url="postgresql://postgres@127.0.0.1:$port/$PG_DB_NAME"
    log "ready: $url"
    printf '%s\n' "$url"
}

cmd_stop() {
    local dir=$1 bindir
    [[ -e $dir ]] || return 0
    dir=$(cd "$dir" && pwd -P)
    [[ -f $dir/$PG_MARKER ]] || die "$dir was not made by pg-cluster.sh; not touching it"
    bindir=$(pg_bindir)
    if is_running "$dir"; then
        log "stopping the cluster in $dir"
        as_owner "$bindir/pg_ctl" stop -D "$dir/data" -m fast -w -t 60 >&2 ||
            as_owner "$bindir/pg_ctl" stop -D "$dir/data" -m immediate -w >&2 ||
            true
    fi
    is_running "$dir" && die "the cluster in $dir is still running; not removing it"
    rm -rf -- "$dir"
}

cmd_pause() {
    local dir=$1 bindir
    dir=$(cd "$dir" && pwd -P)
    [[ -f $dir/$PG_MARKER ]] || die "$dir was not made by pg-cluster.sh"
    bindir=$(pg_bindir)
    as_owner "$bindir/pg_ctl" stop -D "$dir/data" -m fast -w -t 60 >&2
}

cmd_resume() {
    local dir=$1 bindir port
    dir=$(cd "$dir" && pwd -P)
    [[ -f $dir/$PG_MARKER && -f $dir/port ]] || die "$dir was not made by pg-cluster.sh"
    bindir=$(pg_bindir)
    port=$(<"$dir/port")
    is_running "$dir" && return 0
    as_owner "$bindir/pg_ctl" start -w -t 60 -D "$dir/data" \
        -l "$dir/postgres.log" -o "-p $port -k $dir \
        -c listen_addresses=127.0.0.1 -c fsync=off \
        -c synchronous_commit=off -c full_page_writes=off \
        -c max_connections=100" >&2
}

usage() {
    echo "usage: $0 start DIR | stop DIR | pause DIR | resume DIR" >&2
    exit 2
}

[[ $# -eq 2 && -n $2 ]] || usage
case $1 in
start) cmd_start "$2" ;;
stop) cmd_stop "$2" ;;
pause) cmd_pause "$2" ;;
resume) cmd_resume "$2" ;;
*) usage ;;
esac
