#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# province.sh: a province on one PostgreSQL server (bench/README.md, "A
# province"): one database per regency (docs/ARCHITECTURE.md, "One
# database per regency"), all in one cluster, BENCH_N applications in all
# spread over BENCH_REGENCIES regencies of Jawa Timur (35), then tracking,
# intake and the oversight report measured on the first regency while the
# others' data fills the same server.
#
#   bench/province.sh BIN         BIN = a release build's satupintu
#
# For each regency: `createdb`, its settings written from the national
# region files (data/regions/, the villages of data/regions/villages.csv;
# every kantor kecamatan a service point, the bundled catalogue and
# calendar), `satupintu init --regency`, and BENCH_N / BENCH_REGENCIES
# applications from bench/gen.c (NIKs of that regency). Then one serve
# per regency, and on the first: wrk with track.lua, intake.lua, and the
# oversight report GET /api/v1/reports/performance?period=YEAR (a Sekda
# key, one connection: each request computes the whole regency's year).
#
# Knobs: BENCH_N (applications in all, 5000000), BENCH_REGENCIES (10),
# BENCH_DURATION (20s), BENCH_CONNECTIONS (32), BENCH_SERVER_THREADS (8),
# BENCH_OUT (bench/results/province.md), BENCH_WAIT_FOR (a file whose
# existence starts the measuring, once the data is made). All traffic stays on 127.0.0.1.
set -euo pipefail
[[ $# -eq 1 && -x $1 ]] || {
    echo "usage: $0 path/to/satupintu (a release build)" >&2
    exit 2
}
BIN=$(realpath "$1")
BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH")
N=${BENCH_N:-5000000}
K=${BENCH_REGENCIES:-10}
DURATION=${BENCH_DURATION:-20s}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
SERVER_THREADS=${BENCH_SERVER_THREADS:-8}
OUT=${BENCH_OUT:-$BENCH/results/province.md}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/satupintu-province.XXXXXX")
# shellcheck source=bench/lib.sh
. "$BENCH/lib.sh"
trap bench_cleanup EXIT
trap 'exit 130' INT TERM
need wrk cc pkg-config psql createdb
export BENCH_DIR="$BENCH"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
YEAR=2026

say "building the generator"
build_gen
say "starting a throwaway PostgreSQL cluster"
URL0=$(start_pg)
BASE=${URL0%/*}
# The regencies (kabupaten, not kota) of Jawa Timur, in code order.
mapfile -t CODES < <(awk -F, '$1 ~ /^35\.[0-6][0-9]$/ { print $1 }' \
    "$ROOT/data/regions/regencies.csv" | head -n "$K")
[[ ${#CODES[@]} -eq $K ]] || die "only ${#CODES[@]} regencies found"
PER=$((N / K))
GEN_S=0
for code in "${CODES[@]}"; do
    db=sp_${code/./_}
    createdb -h 127.0.0.1 -p "${BASE##*:}" -U postgres "$db"
    name=$(awk -F, -v c="$code" '$1 == c { print $3; exit }' \
        "$ROOT/data/regions/regencies.csv")
    cat >"$TMP/$db.json" <<JSON
{
  "regency_code": "$code",
  "utc_offset_min": 420,
  "default_hours": "-,07:30-15:30,07:30-15:30,07:30-15:30,07:30-15:30,07:30-14:00,-",
  "service_points": {"since": "$YEAR-01-02", "all_kecamatan": true,
                     "kelurahan_in_districts": []},
  "agencies": [
    {"code": "DISPENDUKCAPIL", "name": "Dinas Kependudukan dan Pencatatan Sipil $name", "address": "$name"},
    {"code": "DPMPTSP", "name": "Dinas Penanaman Modal dan PTSP $name", "address": "$name"},
    {"code": "DINSOS", "name": "Dinas Sosial $name", "address": "$name"}
  ],
  "regions": ["$ROOT/data/regions/provinces.csv", "$ROOT/data/regions/regencies.csv",
              "$ROOT/data/regions/districts.csv", "$ROOT/data/regions/villages.csv"],
  "catalogue": "$ROOT/data/services.json",
  "calendars": ["$ROOT/data/calendar/ID-$YEAR.csv"]
}
JSON
    "$BIN" init --regency "$TMP/$db.json" --db "$BASE/$db" >"$TMP/$db.init" 2>&1 ||
        {
            cat "$TMP/$db.init" >&2
            die "init of $code failed"
        }
    say "$code $name: generating $PER applications"
    "$TMP/gen" --n "$PER" --seed "${code/./}" --sample "$TMP/$db.sample" \
        --plan "$TMP/$db.plan" "$BASE/$db" >"$TMP/$db.gen"
    GEN_S=$(awk -v a="$GEN_S" '$1 == "seconds" { printf "%.1f", a + $2 }' "$TMP/$db.gen")
done

FIRST=sp_${CODES[0]/./_}
FIRST_URL=$BASE/$FIRST
front_office_keys "$FIRST_URL" "$TMP/$FIRST.plan" "$TMP/keys.txt" 5
head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n' |
    "$BIN" user add bench.sekda --role sekkab --password-stdin \
        --db "$FIRST_URL" >/dev/null
SEKDA_KEY=$("$BIN" apikey create --user bench.sekda --db "$FIRST_URL" 2>/dev/null)
"$BIN" measures rebuild --db "$FIRST_URL" >"$TMP/rebuild.out" 2>&1
# Every regency served (their own instance each), the first measured.
for code in "${CODES[@]}"; do
    start_serve "serve_${code/./_}" "$BASE/sp_${code/./_}" "$SERVER_THREADS"
    [[ $code == "${CODES[0]}" ]] && SP_URL=$SERVE_URL && SP_PID=$SERVE_PID
done
export BENCH_SAMPLE="$TMP/$FIRST.sample" BENCH_PLAN="$TMP/$FIRST.plan" \
    BENCH_KEYS="$TMP/keys.txt"
cat >"$TMP/report.lua" <<LUA
-- The oversight report of the whole year, as the Sekda's dashboard asks.
local report = dofile("$BENCH/report.lua")
function setup(thread) report.setup(thread) end
function init(args) report.init(200) end
function request()
  return wrk.format("GET", "/api/v1/reports/performance?period=$YEAR",
                    {["Authorization"] = "Bearer $SEKDA_KEY"})
end
function response(status, headers, body) report.response(status) end
function done(summary, latency, requests) report.done(summary, latency) end
LUA

# The data takes long to make and little to measure: BENCH_WAIT_FOR=FILE
# holds the measuring until FILE exists (made by hand once the machine is
# quiet), so that generating can overlap other work and measuring not.
if [[ -n ${BENCH_WAIT_FOR:-} ]]; then
    say "data ready; waiting for $BENCH_WAIT_FOR before measuring"
    while [[ ! -e $BENCH_WAIT_FOR ]]; do sleep 5; done
    LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
fi
say "warming up"
wrk_run warm track.lua "$SP_URL" 3s
say "tracking, intake, the oversight report ($DURATION each)"
wrk_run track track.lua "$SP_URL" "$DURATION"
wrk_run intake intake.lua "$SP_URL" "$DURATION"
wrk -t1 -c1 -d"$DURATION" --latency -s "$TMP/report.lua" "$SP_URL" \
    >"$TMP/report.out" 2>&1 || die "wrk failed (report)"
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
PEAK=$(awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' "/proc/$SP_PID/status")
TOTAL=0
SIZES=
for code in "${CODES[@]}"; do
    n=$(psql -Atq "$BASE/sp_${code/./_}" -c 'SELECT COUNT(*) FROM applications')
    TOTAL=$((TOTAL + n))
done
CLUSTER=$(psql -Atq "$URL0" -c "SELECT pg_size_pretty(SUM(pg_database_size(datname)))
    FROM pg_database WHERE datname LIKE 'sp\_%'")
SIZES=$(psql -Atq "$URL0" -c "SELECT pg_size_pretty(pg_database_size('$FIRST'))")

mkdir -p "$(dirname "$OUT")"
row() {
    printf '| %s | %s | %s | %s | %s | %s |\n' "$1" "$(rps "$(val "$2" rps)")" \
        "$(ms "$(val "$2" p50_us)")" "$(ms "$(val "$2" p99_us)")" \
        "$(val "$2" unexpected)" "$(val "$2" socket_errors)"
}
{
    echo "# A province on one PostgreSQL server (bench/province.sh)"
    echo
    echo "Run $(date -u '+%Y-%m-%d %H:%M UTC'). **Machine:** $(machine)."
    echo "Load average $LOAD_START at the start, $LOAD_END at the end."
    echo
    echo "**Data:** $K regencies of Jawa Timur (${CODES[*]}), one database" \
        "each in one PostgreSQL cluster: $TOTAL applications in all after" \
        "the runs ($PER generated per regency in $GEN_S s), $CLUSTER on" \
        "disk; the measured regency ${CODES[0]}: $SIZES."
    echo
    echo "**Load:** on the first regency's \`satupintu serve --threads" \
        "$SERVER_THREADS\`, wrk -c$CONNECTIONS for tracking and intake," \
        "one connection for the year's oversight report (each request" \
        "computes every office of the regency for $YEAR); $DURATION each."
    echo
    echo "| run | req/s | p50 ms | p99 ms | unexpected answers | socket errors |"
    echo "|---|---:|---:|---:|---:|---:|"
    row "tracking GET /api/v1/track/{no}" track
    row "intake POST /api/v1/applications" intake
    row "oversight report GET /api/v1/reports/performance?period=$YEAR" report
    echo
    echo "Peak memory of the measured instance: $PEAK MiB."
} >"$OUT"
cat "$OUT"
