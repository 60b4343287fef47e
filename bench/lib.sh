# SPDX-License-Identifier: AGPL-3.0-or-later
# lib.sh: what bench/cluster.sh and bench/province.sh share (sourced):
# the generator built against the release library, a throwaway
# PostgreSQL cluster (scripts/pg-cluster.sh), front-office keys, serve
# instances and nginx on free loopback ports, wrk runs, and cleaning up
# everything they started. Needs BIN, BENCH, ROOT and TMP set.

say() { printf '%s\n' "bench: $*" >&2; }
die() {
    say "$*"
    exit 1
}

PIDS=()
PGDIR=
bench_cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do
        if kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
        fi
    done
    # start_pg runs in $(...): its PGDIR is in a file, not this shell.
    [[ -z $PGDIR && -f $TMP/pgdir ]] && PGDIR=$(cat "$TMP/pgdir")
    [[ -n $PGDIR ]] && "$ROOT/scripts/pg-cluster.sh" stop "$PGDIR" >/dev/null 2>&1
    rm -rf "$TMP"
}

need() {
    local cmd
    for cmd in "$@"; do
        command -v "$cmd" >/dev/null 2>&1 ||
            die "$cmd is missing (scripts/install-deps.sh bench)"
    done
}

# A free TCP port on 127.0.0.1 (nothing answers a connection to it).
free_port() {
    local p
    for _ in $(seq 1 200); do
        p=$((20000 + RANDOM % 30000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            echo "$p"
            return 0
        fi
    done
    return 1
}

wait_port() {
    for _ in $(seq 1 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.1
    done
    return 1
}

# The generator (bench/gen.c) against the library next to BIN.
build_gen() {
    local build
    build=$(dirname "$BIN")
    [[ -f $build/libsp.a ]] || die "no libsp.a next to $BIN (a release build)"
    # shellcheck disable=SC2046 # pkg-config's flags are separate words
    cc -std=c17 -O2 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
        -I"$ROOT/src" "$BENCH/gen.c" "$build/libsp.a" \
        $(pkg-config --libs libmicrohttpd jansson sqlite3 libpq libsodium \
            libqrencode xlsxwriter libxml-2.0 libjpeg libpng libexif zlib) \
        -lunistring -lpthread -lm -o "$TMP/gen"
}

# A throwaway cluster; its URL (database satupintu_test) on stdout.
start_pg() {
    PGDIR=$(mktemp -d /tmp/sp-pg.XXXXXX)
    echo "$PGDIR" >"$TMP/pgdir"
    rmdir "$PGDIR"
    "$ROOT/scripts/pg-cluster.sh" start "$PGDIR" 2>"$TMP/pg.log" ||
        die "the PostgreSQL cluster did not start ($TMP/pg.log)"
}

# front_office_keys DB_URL PLAN KEYS EVERY: a front-office user with an
# API key at every EVERY-th service point of the plan, "OFFICE KEY" lines.
front_office_keys() {
    local url=$1 plan=$2 keys=$3 every=$4 k=0 office login key
    : >"$keys"
    for office in $(awk '{ print $1 }' "$plan" | uniq | awk -v e="$every" 'NR % e == 1'); do
        k=$((k + 1))
        login=$(printf 'bench.fo%02d' "$k")
        head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n' |
            "$BIN" user add "$login" --role front_office --office "$office" \
                --password-stdin --db "$url" >/dev/null
        key=$("$BIN" apikey create --user "$login" --label bench \
            --db "$url" 2>/dev/null)
        echo "$office $key" >>"$keys"
    done
}

# start_serve NAME DB_URL THREADS [ARG...]: a serve instance on a free
# port (more serve arguments after THREADS); its URL in SERVE_URL, its pid
# added to PIDS (and in SERVE_PID).
start_serve() {
    local name=$1 url=$2 threads=$3
    shift 3
    "$BIN" serve --db "$url" --listen 127.0.0.1:0 --threads "$threads" "$@" \
        >"$TMP/$name.log" 2>&1 &
    SERVE_PID=$!
    PIDS+=("$SERVE_PID")
    SERVE_URL=
    for _ in $(seq 1 200); do
        SERVE_URL=$(sed -n 's|.*listening on \(http://127\.0\.0\.1:[0-9]*\)/.*|\1|p' \
            "$TMP/$name.log" | head -n 1)
        [[ -n $SERVE_URL ]] && return 0
        kill -0 "$SERVE_PID" 2>/dev/null || break
        sleep 0.1
    done
    cat "$TMP/$name.log" >&2
    die "serve $name did not start"
}

# wrk_run NAME SCRIPT URL DURATION: wrk's BENCH lines into $TMP/NAME.out.
wrk_run() {
    local name=$1 script=$2 url=$3 dur=$4
    wrk -t"${WRK_THREADS:-2}" -c"${CONNECTIONS:-32}" -d"$dur" --latency \
        -s "$BENCH/$script" "$url" >"$TMP/$name.out" 2>&1 || {
        cat "$TMP/$name.out" >&2
        die "wrk failed ($name)"
    }
}
val() { awk -v k="$2" '$1 == "BENCH" && $2 == k { print $3; exit }' \
    "$TMP/$1.out"; }
ms() { awk -v us="$1" 'BEGIN { printf "%.1f", us / 1000 }'; }
rps() { awk -v r="$1" 'BEGIN { printf "%.0f", r }'; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2];
    else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
machine() {
    local cpu mem
    cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
    mem=$(awk '/^MemTotal:/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)
    echo "$(nproc) CPUs ($cpu), $mem GiB RAM, Linux $(uname -r)," \
        "PostgreSQL $(ls /usr/lib/postgresql | sort -V | tail -n 1)," \
        "$(nginx -v 2>&1 | sed 's|nginx version: ||'), wrk" \
        "$(wrk -v 2>&1 | awk 'NR == 1 { print $2 }')"
}
