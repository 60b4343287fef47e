#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# run.sh: the load benchmark of Satu Pintu on SQLite (see bench/README.md).
#
#   bench/run.sh BIN          BIN = a release build's satupintu
#
# In a temporary directory: a fresh database (satupintu init), a
# regency-year of applications (bench/gen.c, built here against the static
# library next to BIN), satupintu serve on a free port, nginx serving a
# 1 KB file on another, and bench/rawtx.c (SQLite alone) on the same disk.
# Then BENCH_ROUNDS interleaved rounds (default 3), each running, one after
# the other with the same wrk settings:
#   nginx 1 KB file                          the reference of the HTTP cases
#   GET  /api/v1/track/{no}?pin=             tracking
#   POST /api/v1/applications                intake (durable)
#   GET  /services                           the catalogue page
#   GET  /services/SKTM                      a service page
#   GET  /offices/35.10.09                   an office page
#   GET  /api/v1/services                    the catalogue API (summaries)
#   GET  /api/v1/services, Accept-Encoding: gzip   the same, gzip-coded
#   GET  /api/v1/services?detail=full        the whole catalogue (reported)
#   rawtx row, rawtx intake                  SQLite's own durable commits
# Every figure is the median of the rounds; every ratio is taken within a
# round (so a machine busy with something else lowers both sides) and the
# median of those is reported. The report (Markdown, BENCH_OUT, also
# printed) gives the ratios against the issue's targets, the absolute
# figures, latencies, the server's peak memory, the data and the machine
# with its load. With BENCH_PROFILE=1 it adds the top of a perf profile
# (DWARF call chains) of tracking and of intake.
#
# Knobs: BENCH_N (applications, 500000), BENCH_ROUNDS (3), BENCH_DURATION
# (per wrk run, 10s), BENCH_RAW_SECONDS (per rawtx run, 5), BENCH_CONNECTIONS
# (32), BENCH_WRK_THREADS (2), BENCH_SERVER_THREADS (the server's default
# when unset), BENCH_SERVE_ARGS (more serve flags), BENCH_PROFILE (0),
# BENCH_OUT (report file, bench/results/latest.md). All traffic stays on
# 127.0.0.1.
set -euo pipefail

if [[ $# -ne 1 || ! -x $1 ]]; then
    echo "usage: $0 path/to/satupintu (a release build)" >&2
    exit 2
fi
BIN=$(realpath "$1")
BUILD=$(dirname "$BIN")
BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH")
N=${BENCH_N:-500000}
ROUNDS=${BENCH_ROUNDS:-3}
DURATION=${BENCH_DURATION:-10s}
RAW_SECONDS=${BENCH_RAW_SECONDS:-5}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
WRK_THREADS=${BENCH_WRK_THREADS:-2}
SERVER_THREADS=${BENCH_SERVER_THREADS:-}
SERVE_ARGS=${BENCH_SERVE_ARGS:-}
PROFILE=${BENCH_PROFILE:-0}
OUT=${BENCH_OUT:-$BENCH/results/latest.md}

for cmd in wrk nginx cc pkg-config; do
    command -v "$cmd" >/dev/null 2>&1 || {
        echo "run.sh: $cmd is missing (scripts/install-deps.sh bench)" >&2
        exit 1
    }
done
if [[ $PROFILE == 1 ]] && ! command -v perf >/dev/null 2>&1; then
    echo "run.sh: BENCH_PROFILE=1 needs perf (apt-get install linux-perf)" >&2
    exit 1
fi
[[ -f $BUILD/libsp.a ]] || {
    echo "run.sh: no libsp.a next to $BIN" >&2
    exit 1
}

TMP=$(mktemp -d "${TMPDIR:-/tmp}/satupintu-bench.XXXXXX")
SERVER_PID=
NGINX_PID=
SAMPLER_PID=
cleanup() {
    local pid
    for pid in "$SAMPLER_PID" "$SERVER_PID" "$NGINX_PID"; do
        if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
        fi
    done
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { printf '%s\n' "bench: $*" >&2; }

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

# Wait until something accepts connections on 127.0.0.1:$1.
wait_port() {
    for _ in $(seq 1 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.1
    done
    return 1
}

export SATUPINTU_DB="sqlite:$TMP/sp.db"
export BENCH_DIR="$BENCH" BENCH_SAMPLE="$TMP/sample.txt" \
    BENCH_PLAN="$TMP/plan.txt" BENCH_KEYS="$TMP/keys.txt"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
START_UTC=$(date -u '+%Y-%m-%d %H:%M UTC')

# --- the programs and the data ----------------------------------------------
say "building the generator and rawtx"
# The build's own generator (tests/CMakeLists.txt's sp_gen) when there is
# one, else built here against the static library next to BIN.
if [[ -x $BUILD/tests/sp_gen ]]; then
    cp "$BUILD/tests/sp_gen" "$TMP/gen"
else
    # shellcheck disable=SC2046 # pkg-config's flags are separate words
    cc -std=c17 -O2 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
        -I"$ROOT/src" "$BENCH/gen.c" "$BUILD/libsp.a" \
        $(pkg-config --libs libmicrohttpd jansson sqlite3 libpq libsodium \
            libqrencode xlsxwriter libxml-2.0 libjpeg libpng libexif \
            libcurl zlib) -lunistring -lpthread -lm -o "$TMP/gen"
fi
# shellcheck disable=SC2046
cc -std=c17 -O2 -D_POSIX_C_SOURCE=200809L "$BENCH/rawtx.c" \
    $(pkg-config --libs sqlite3) -o "$TMP/rawtx"
say "satupintu init"
"$BIN" init >"$TMP/init.log"
say "generating $N applications (this takes a while)"
"$TMP/gen" --n "$N" --sample "$TMP/sample.txt" --plan "$TMP/plan.txt" \
    "$SATUPINTU_DB" >"$TMP/gen.out"
gen() { awk -v k="$1" '$1 == k { print $2; exit }' "$TMP/gen.out"; }
DB_BYTES_GEN=$(stat -c %s "$TMP/sp.db")
say "generated $(gen applications) applications in $(gen seconds) s"

# Front-office staff with an API key at every fifth service point.
: >"$TMP/keys.txt"
k=0
for office in $(awk '{ print $1 }' "$TMP/plan.txt" | uniq | awk 'NR % 5 == 1'); do
    k=$((k + 1))
    login=$(printf 'bench.fo%02d' "$k")
    head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n' |
        "$BIN" user add "$login" --role front_office --office "$office" \
            --password-stdin >/dev/null
    key=$("$BIN" apikey create --user "$login" --label bench 2>/dev/null)
    echo "$office $key" >>"$TMP/keys.txt"
done
N_KEYS=$k
# SQLite alone works on a copy of the same database, on the same disk.
cp "$TMP/sp.db" "$TMP/raw-intake.db"

# --- the servers --------------------------------------------------------------
threads_arg=()
[[ -n $SERVER_THREADS ]] && threads_arg=(--threads "$SERVER_THREADS")
# shellcheck disable=SC2086 # BENCH_SERVE_ARGS are separate words
"$BIN" serve --listen 127.0.0.1:0 "${threads_arg[@]}" $SERVE_ARGS \
    >"$TMP/server.log" 2>&1 &
SERVER_PID=$!
SP_URL=
for _ in $(seq 1 100); do
    SP_URL=$(sed -n 's|.*listening on \(http://127\.0\.0\.1:[0-9]*\)/.*|\1|p' \
        "$TMP/server.log" | head -n 1)
    [[ -n $SP_URL ]] && break
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
done
[[ -n $SP_URL ]] || {
    cat "$TMP/server.log" >&2
    echo "run.sh: the server did not start" >&2
    exit 1
}
SERVER_THREADS_USED=$(sed -n 's|.*serve: \([0-9]*\) worker threads.*|\1|p' \
    "$TMP/server.log" | head -n 1)
SERVER_WRITE_THREADS=$(sed -n 's|.*serve: .* and \([0-9]*\) write threads.*|\1|p' \
    "$TMP/server.log" | head -n 1)

NGINX_PORT=$(free_port)
mkdir -p "$TMP/nginx/www" "$TMP/nginx/tmp"
head -c 1024 /dev/zero | tr '\0' 'x' >"$TMP/nginx/www/1k.html"
# nginx's workers may run as another user: let them reach the file.
chmod 711 "$TMP"
chmod 755 "$TMP/nginx" "$TMP/nginx/www"
chmod 644 "$TMP/nginx/www/1k.html"
cat >"$TMP/nginx/nginx.conf" <<EOF
worker_processes 2;
daemon off;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log $TMP/nginx/access.log;
    client_body_temp_path $TMP/nginx/tmp/body;
    proxy_temp_path $TMP/nginx/tmp/proxy;
    fastcgi_temp_path $TMP/nginx/tmp/fastcgi;
    uwsgi_temp_path $TMP/nginx/tmp/uwsgi;
    scgi_temp_path $TMP/nginx/tmp/scgi;
    default_type text/html;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $TMP/nginx/www;
    }
}
EOF
nginx -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" -e "$TMP/nginx/error.log" &
NGINX_PID=$!
wait_port "$NGINX_PORT" || {
    cat "$TMP/nginx/error.log" >&2
    echo "run.sh: nginx did not start" >&2
    exit 1
}
NGINX_URL="http://127.0.0.1:$NGINX_PORT"
say "satupintu on $SP_URL, nginx on $NGINX_URL"
# The catalogue API's document as a static file too: what nginx does with
# the same bytes (the 1 KB reference says little about a 120 KB answer).
NGINX_API=
if command -v curl >/dev/null 2>&1 &&
    curl -sf "$SP_URL/api/v1/services?detail=full" \
        >"$TMP/nginx/www/services.json"; then
    chmod 644 "$TMP/nginx/www/services.json"
    NGINX_API=1
fi

# The server's memory, sampled every 0.2 s over the whole run: the largest
# resident set and its anonymous part (file mappings are the page cache's).
(
    max_rss=0 max_anon=0 max_file=0
    while kill -0 "$SERVER_PID" 2>/dev/null; do
        read -r rss anon file < <(awk '/^VmRSS:/ { r = $2 }
            /^RssAnon:/ { a = $2 } /^RssFile:/ { f = $2 }
            END { print r + 0, a + 0, f + 0 }' "/proc/$SERVER_PID/status" \
            2>/dev/null || echo "0 0 0")
        ((rss > max_rss)) && max_rss=$rss
        ((anon > max_anon)) && max_anon=$anon
        ((file > max_file)) && max_file=$file
        echo "$max_rss $max_anon $max_file" >"$TMP/mem.max"
        sleep 0.2
    done
) &
SAMPLER_PID=$!

# --- the runs -----------------------------------------------------------------
# The cases: name, wrk script, URL, label.
CASES=(
    "track|track.lua|$SP_URL|tracking: GET /api/v1/track/{no}?pin="
    "intake|intake.lua|$SP_URL|intake: POST /api/v1/applications"
    "services|get.lua|$SP_URL/services|the catalogue: GET /services"
    "service|get.lua|$SP_URL/services/SKTM|a service page: GET /services/SKTM"
    "office|get.lua|$SP_URL/offices/35.10.09|an office page: GET /offices/35.10.09"
    "api|get.lua|$SP_URL/api/v1/services|the catalogue API: GET /api/v1/services (a summary per service)"
    "apigz|gzget.lua|$SP_URL/api/v1/services|the catalogue API gzip-coded (Accept-Encoding: gzip)"
    "apifull|get.lua|$SP_URL/api/v1/services?detail=full|the whole catalogue: GET /api/v1/services?detail=full"
)

# run NAME SCRIPT URL [DURATION]: wrk's BENCH lines into $TMP/NAME.out.
run() {
    local name=$1 script=$2 url=$3 dur=${4:-$DURATION}
    wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$dur" --latency \
        -s "$BENCH/$script" "$url" >"$TMP/$name.out" 2>&1 || {
        cat "$TMP/$name.out" >&2
        echo "run.sh: wrk failed ($name)" >&2
        exit 1
    }
}
val() { awk -v k="$2" '$1 == "BENCH" && $2 == k { print $3; exit }' \
    "$TMP/$1.out"; }
# Server CPU seconds so far (user + system), for CPU per request.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat"; }
TICKS=$(getconf CLK_TCK)

say "warming up"
run warm_nginx static.lua "$NGINX_URL/1k.html" 3s
for c in "${CASES[@]}"; do
    IFS='|' read -r name script url _ <<<"$c"
    [[ $name == intake ]] && continue
    run "warm_$name" "$script" "$url" 2s
done

for r in $(seq 1 "$ROUNDS"); do
    say "round $r of $ROUNDS: nginx, ${#CASES[@]} cases, SQLite alone"
    run "nginx.$r" static.lua "$NGINX_URL/1k.html"
    [[ -n $NGINX_API ]] && run "nginxapi.$r" get.lua "$NGINX_URL/services.json"
    for c in "${CASES[@]}"; do
        IFS='|' read -r name script url _ <<<"$c"
        t0=$(cpu_ticks)
        run "$name.$r" "$script" "$url"
        t1=$(cpu_ticks)
        echo "BENCH cpu_ticks $((t1 - t0))" >>"$TMP/$name.$r.out"
    done
    rm -f "$TMP/raw-row.db" "$TMP/raw-row.db-wal" "$TMP/raw-row.db-shm"
    "$TMP/rawtx" row "$TMP/raw-row.db" "$RAW_SECONDS" |
        sed 's/^RAW /BENCH /' >"$TMP/rawrow.$r.out"
    "$TMP/rawtx" intake "$TMP/raw-intake.db" "$RAW_SECONDS" |
        sed 's/^RAW /BENCH /' >"$TMP/rawintake.$r.out"
done

PROFILES=
if [[ $PROFILE == 1 ]]; then
    for name in track intake; do
        for c in "${CASES[@]}"; do
            IFS='|' read -r cname script url _ <<<"$c"
            [[ $cname == "$name" ]] || continue
            say "profiling $name (perf record -g --call-graph dwarf)"
            perf record -F 499 -g --call-graph dwarf,16384 -p "$SERVER_PID" \
                -o "$TMP/$name.perf" -- sleep 8 >/dev/null 2>&1 &
            perf_pid=$!
            run "profile_$name" "$script" "$url" 10s
            wait "$perf_pid" || true
            {
                echo "### $name: where the CPU goes (self, top 20)"
                echo
                echo '```'
                perf report -i "$TMP/$name.perf" --no-children --stdio \
                    -g none --percent-limit 0.8 2>/dev/null |
                    grep -E '^ +[0-9]' | head -n 20 || true
                echo '```'
                echo
                echo "### $name: including callees (top 25)"
                echo
                echo '```'
                perf report -i "$TMP/$name.perf" --children --stdio \
                    -g none --percent-limit 3 2>/dev/null |
                    grep -E '^ +[0-9]' | grep -v -E 'clone3|start_thread' |
                    head -n 25 || true
                echo '```'
                echo
            } >>"$TMP/profiles.md"
        done
    done
    PROFILES=$TMP/profiles.md
fi

PEAK_HWM_KB=$(awk '/^VmHWM:/ { print $2 }' "/proc/$SERVER_PID/status")
read -r PEAK_RSS_KB PEAK_ANON_KB PEAK_FILE_KB <"$TMP/mem.max"
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
kill "$SERVER_PID"
wait "$SERVER_PID" || true
SERVER_PID=
wait "$SAMPLER_PID" 2>/dev/null || true
SAMPLER_PID=
kill "$NGINX_PID"
wait "$NGINX_PID" || true
NGINX_PID=
"$TMP/gen" stats "$SATUPINTU_DB" >"$TMP/stats.out"
stat_() { awk -v k="$1" '$1 == k { print $2; exit }' "$TMP/stats.out"; }
DB_BYTES_END=$(($(stat -c %s "$TMP/sp.db") + $(stat -c %s "$TMP/sp.db-wal" 2>/dev/null || echo 0)))
SERVER_ERRORS=$(grep -c -E ' (error|warn) ' "$TMP/server.log" || true)

# --- the report -----------------------------------------------------------------
# median of the arguments
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END {
    if (NR == 0) print 0; else if (NR % 2) print a[(NR + 1) / 2];
    else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
# the values of key K of case NAME over the rounds
rounds_of() {
    local r
    for r in $(seq 1 "$ROUNDS"); do val "$1.$r" "$2"; done
}
ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }
rps() { awk -v r="$1" 'BEGIN { printf "%.0f", r }'; }
mib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
# per-round ratios A/B of keys K, as a list
ratios() { # ratios A KA B KB
    local r
    for r in $(seq 1 "$ROUNDS"); do
        awk -v a="$(val "$1.$r" "$2")" -v b="$(val "$3.$r" "$4")" \
            'BEGIN { printf "%.3f\n", (b > 0 ? a / b : 0) }'
    done
}
list() { tr '\n' ' ' | sed 's/ $//; s/ /, /g'; }
statuses() {
    local r s all=
    for r in $(seq 1 "$ROUNDS"); do
        s=$(awk '$1 == "BENCH" && $2 ~ /^status_/ { sub("status_", "", $2);
            printf "%s%s× %s", sep, $3, $2; sep = ", " }' "$TMP/$1.$r.out")
        [[ -n $s ]] && all="$all${all:+; }round $r: $s"
    done
    echo "${all:-none}"
}
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v + 0 >= t + 0 ? "met" : "**not met**") }'; }
verdict_below() { awk -v v="$1" -v t="$2" 'BEGIN { print (v + 0 < t + 0 ? "met" : "**not met**") }'; }
cpu_per_req() { # median over rounds of server CPU µs per request
    local r vals=()
    for r in $(seq 1 "$ROUNDS"); do
        vals+=("$(awk -v t="$(val "$1.$r" cpu_ticks)" -v n="$(val "$1.$r" requests)" \
            -v hz="$TICKS" 'BEGIN { printf "%.1f", (n > 0 ? t * 1e6 / hz / n : 0) }')")
    done
    median "${vals[@]}"
}

CPU=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
MEM_GIB=$(awk '/^MemTotal:/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)
# shellcheck disable=SC1091
OS=$(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-}")
NGINX_RPS=$(median $(rounds_of nginx rps))
RAW_ROW=$(median $(rounds_of rawrow tps))
RAW_INTAKE=$(median $(rounds_of rawintake tps))

mkdir -p "$(dirname "$OUT")"
{
    echo "# Satu Pintu load benchmark (SQLite)"
    echo
    echo "Run $START_UTC by \`bench/run.sh\` (see bench/README.md): $ROUNDS" \
        "interleaved rounds, medians."
    echo
    echo "**Machine:** $(nproc) CPUs ($CPU), $MEM_GIB GiB RAM, $OS," \
        "Linux $(uname -r); SQLite $(pkg-config --modversion sqlite3)," \
        "$(nginx -v 2>&1 | sed 's|nginx version: ||'), wrk" \
        "$(wrk -v 2>&1 | awk 'NR == 1 { print $2 }'). Load average" \
        "$LOAD_START at the start, $LOAD_END at the end (other work on the" \
        "machine shows here; the ratios compare runs made minutes apart)."
    echo
    echo "**Load:** wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION per run on" \
        "127.0.0.1, client and servers on the same CPUs; \`satupintu serve\`" \
        "with ${SERVER_THREADS_USED:-its default number of} worker threads" \
        ${SERVER_WRITE_THREADS:+"and $SERVER_WRITE_THREADS write threads"} \
        "${SERVE_ARGS:+($SERVE_ARGS) }(SQLite, WAL, synchronous=FULL, request" \
        "log on), nginx with 2 workers and its access log on. SQLite alone" \
        "(\`bench/rawtx.c\`): one connection, ${RAW_SECONDS} s per run, on" \
        "the same disk."
    echo
    echo "## Against the targets (issue 12)"
    echo
    echo "| what | measured (median of rounds) | target | |"
    echo "|---|---:|---:|---|"
    TR=$(median $(ratios track rps nginx rps))
    echo "| tracking / nginx 1 KB | $TR | ≥ 0.25 | $(verdict "$TR" 0.25) |"
    TP=$(median $(rounds_of track p99_us))
    echo "| tracking p99 at $CONNECTIONS connections | $(ms "$TP") ms | < 10 ms | $(verdict_below "$TP" 10000) |"
    IR=$(median $(ratios intake rps rawrow tps))
    echo "| intake / SQLite single-row transactions | $IR | ≥ 0.35 | $(verdict "$IR" 0.35) |"
    IP=$(median $(rounds_of intake p99_us))
    echo "| intake p99 at $CONNECTIONS connections | $(ms "$IP") ms | < 50 ms | $(verdict_below "$IP" 50000) |"
    II=$(median $(ratios intake rps rawintake tps))
    echo "| intake / SQLite intake-shaped transactions | $II | (reported) | |"
    for name in services service office api apigz; do
        R=$(median $(ratios "$name" rps nginx rps))
        echo "| $name / nginx 1 KB | $R | ≥ 0.3 | $(verdict "$R" 0.3) |"
    done
    if [[ -n $NGINX_API ]]; then
        R=$(median $(ratios apifull rps nginx rps))
        echo "| the whole catalogue (?detail=full) / nginx 1 KB | $R | (reported) | |"
        R=$(median $(ratios apifull rps nginxapi rps))
        echo "| the whole catalogue / nginx serving the same bytes | $R | (reported) | |"
    fi
    echo "| peak resident memory, anonymous (sampled) | $(mib $((PEAK_ANON_KB * 1024))) MiB | < 64 MiB | $(verdict_below "$PEAK_ANON_KB" 65536) |"
    # The issue counts the server's own memory: file mappings shared with
    # the page cache (the binary, the libraries, SQLite's WAL index) aside.
    echo "| peak resident memory, all (VmHWM, with file-backed pages) | $(mib $((PEAK_HWM_KB * 1024))) MiB | (reported) | |"
    echo
    echo "## Runs"
    echo
    echo "| run | req/s (median) | p50 ms | p99 ms | ratio to nginx (per round) | server CPU µs/request | unexpected |"
    echo "|---|---:|---:|---:|---|---:|---|"
    echo "| nginx 1 KB file | $(rps "$NGINX_RPS") | $(ms "$(median $(rounds_of nginx p50_us))") | $(ms "$(median $(rounds_of nginx p99_us))") | — | — | $(statuses nginx) |"
    if [[ -n $NGINX_API ]]; then
        echo "| nginx, the whole catalogue's $(($(stat -c %s "$TMP/nginx/www/services.json") / 1024)) KiB document as a file | $(rps "$(median $(rounds_of nginxapi rps))") | $(ms "$(median $(rounds_of nginxapi p50_us))") | $(ms "$(median $(rounds_of nginxapi p99_us))") | $(median $(ratios nginxapi rps nginx rps)) | — | $(statuses nginxapi) |"
    fi
    for c in "${CASES[@]}"; do
        IFS='|' read -r name _ _ label <<<"$c"
        echo "| $label | $(rps "$(median $(rounds_of "$name" rps))") |" \
            "$(ms "$(median $(rounds_of "$name" p50_us))") |" \
            "$(ms "$(median $(rounds_of "$name" p99_us))") |" \
            "$(median $(ratios "$name" rps nginx rps)) ($(ratios "$name" rps nginx rps | list)) |" \
            "$(cpu_per_req "$name") | $(statuses "$name") |"
    done
    echo
    echo "| SQLite alone, one connection | transactions/s (median) | per round | intake / it (per round) |"
    echo "|---|---:|---|---|"
    echo "| single-row (BEGIN IMMEDIATE, INSERT, COMMIT) | $(rps "$RAW_ROW") | $(rounds_of rawrow tps | list) | $(ratios intake rps rawrow tps | list) |"
    echo "| shaped like an intake (9 statements) | $(rps "$RAW_INTAKE") | $(rounds_of rawintake tps | list) | $(ratios intake rps rawintake tps | list) |"
    echo
    echo "Server log lines at warn or error: $SERVER_ERRORS."
    echo
    echo "## Server"
    echo
    echo "- resident memory sampled every 0.2 s through the whole run:" \
        "peak $(mib $((PEAK_RSS_KB * 1024))) MiB in all, of which at most" \
        "$(mib $((PEAK_ANON_KB * 1024))) MiB anonymous (the server's own" \
        "memory) and $(mib $((PEAK_FILE_KB * 1024))) MiB file-backed" \
        "(the binary, libraries and SQLite's shared WAL index, shared with" \
        "the page cache); VmHWM at the end $(mib $((PEAK_HWM_KB * 1024))) MiB"
    echo
    echo "## Data"
    echo
    echo "- generated: $(gen applications) applications, $(gen events)" \
        "events, $(gen requirements) requirement rows at the 43 service" \
        "points, handed in $(gen window | tr 'T' ' ' | cut -c1-10) to" \
        "$(awk '$1 == "window" { print substr($3, 1, 10) }' "$TMP/gen.out")"
    echo "- generation: $(gen seconds) s, $(gen applications_per_s)" \
        "applications/s, $(gen rows_per_s) rows/s"
    echo "- states: $(awk '$1 ~ /^state\./ { sub("state.", "", $1);
        printf "%s%s %s", sep, $1, $2; sep = ", " }' "$TMP/gen.out")"
    echo "- database: $(mib "$DB_BYTES_GEN") MiB after generation;" \
        "$(mib "$DB_BYTES_END") MiB at the end, with" \
        "$(stat_ applications) applications and $(stat_ events) events" \
        "after the intake runs"
    echo "- tracking sample: $(wc -l <"$TMP/sample.txt") random (number," \
        "PIN) pairs; intake: $N_KEYS offices, each with a front-office API" \
        "key, all the services each accepts in rotation"
    if [[ -n $PROFILES ]]; then
        echo
        echo "## Profiles (perf record -F 499 -g --call-graph dwarf, 8 s of a run)"
        echo
        cat "$PROFILES"
    fi
} >"$OUT"
cat "$OUT"
