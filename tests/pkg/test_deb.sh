#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# test_deb.sh SOURCE_DIR: the Debian package, built as `make deb` builds
# it (scripts/build-deb.sh, lintian with no errors; here with
# DEB_BUILD_OPTIONS="noopt nocheck" to build faster), then installed with
# dpkg in a throwaway root: this machine's own file system under a
# copy-on-write overlay in a private mount namespace, so the real system
# never changes and everything is gone at the end. In that root:
#   - dpkg -i: the binary, the unit (enabled), the user satupintu, its
#     state directory, /etc/satupintu/env (0600, a conffile);
#   - systemd-analyze verify on the installed unit;
#   - the first start, as the unit runs it (ExecStartPre, then ExecStart,
#     as the user satupintu): the database is created and the regency
#     loaded, /healthz answers; a second start loads nothing again;
#   - an upgrade: the database put back to schema 3 (an older release's),
#     the package installed again: its postinst migrates it to the
#     current schema;
#   - dpkg -r: the program goes, the settings and the data stay.
# Skipped (exit 77, said loudly) only when dpkg-buildpackage is missing;
# anything else that is missing (overlayfs, unshare) fails the test.
set -euo pipefail
src=$(cd "$1" && pwd)
if ! command -v dpkg-buildpackage >/dev/null 2>&1; then
    echo "################################################################"
    echo "SKIPPED: dpkg-buildpackage is missing: the Debian package was NOT"
    echo "built or installed (scripts/install-deps.sh test installs it)"
    echo "################################################################"
    echo "0 passed, 0 failed, 1 skipped"
    exit 77
fi
tmp=$(mktemp -d /tmp/sp-deb.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
DEB_BUILD_OPTIONS="noopt nocheck" TMPDIR=$tmp \
    "$src/scripts/build-deb.sh" "$tmp/out" >"$tmp/deb.txt" 2>"$tmp/build.log" || {
    cat "$tmp/build.log"
    echo "FAIL: the package did not build or lintian found errors"
    echo "0 passed, 1 failed"
    exit 1
}
grep -E '^(W|E): ' "$tmp/build.log" || true
deb=$(cat "$tmp/deb.txt")
echo "ok: built $(basename "$deb"); lintian: no errors"
mkdir -p "$tmp/upper" "$tmp/work" "$tmp/root"

# Everything below runs as root of a private mount namespace, in a chroot
# on the overlay; it prints "ok: ..." / "FAIL: ..." lines.
inner=$(
    cat <<'INNER'
set -u
fails=0
passes=0
ok() { passes=$((passes + 1)); echo "ok: $*"; }
bad() { fails=$((fails + 1)); echo "FAIL: $*"; }
check() { local what=$1; shift; if "$@"; then ok "$what"; else bad "$what"; fi; }
db=/var/lib/satupintu/satupintu.db
# As the unit runs it: the user satupintu, in the state directory (setpriv
# execs, so a signal reaches the program itself).
as_service() { (cd /var/lib/satupintu && exec setpriv --reuid=satupintu \
    --regid=satupintu --init-groups env SATUPINTU_DB=sqlite:$db "$@"); }

if dpkg -i "$DEB" >/tmp/dpkg.log 2>&1; then ok "dpkg -i"; else
    cat /tmp/dpkg.log; bad "dpkg -i"; fi
check "the program" test -x /usr/bin/satupintu
check "the user satupintu" getent passwd satupintu >/dev/null
check "its state directory" test "$(stat -c '%U %a' /var/lib/satupintu)" = "satupintu 750"
check "its backup directory" test "$(stat -c '%U %a' /var/backups/satupintu)" = "satupintu 750"
check "/etc/satupintu/env is root's alone" test "$(stat -c '%U %a' /etc/satupintu/env)" = "root 600"
check "/etc/satupintu/env is a conffile" grep -q '/etc/satupintu/env' /var/lib/dpkg/info/satupintu.conffiles
check "the unit is enabled" test -L /etc/systemd/system/multi-user.target.wants/satupintu.service
out=$(systemd-analyze verify /lib/systemd/system/satupintu.service 2>&1)
check "systemd-analyze verify (installed unit)" test -z "$out"
[ -z "$out" ] || echo "$out"

# The first start, as the unit runs it.
pre=$(sed -n 's/^ExecStartPre=//p' /lib/systemd/system/satupintu.service)
main=$(sed -n 's/^ExecStart=//p' /lib/systemd/system/satupintu.service)
first=$(as_service $pre 2>&1)
check "the first start creates the database" test -f $db
check "... and loads the regency" grep -q 'Regency 35.10 Kabupaten Banyuwangi' <<<"$first"
check "... and prints the administrator's one-time password" grep -q 'one-time password' <<<"$first"
again=$(as_service $pre 2>&1)
check "a second start loads nothing" grep -q 'nothing loaded' <<<"$again"
(cd /var/lib/satupintu && exec setpriv --reuid=satupintu --regid=satupintu \
    --init-groups env SATUPINTU_DB=sqlite:$db $main --listen 127.0.0.1:0 \
    >/tmp/serve.out 2>/tmp/serve.err) &
pid=$!
port=
for _ in $(seq 1 100); do
    port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' /tmp/serve.out)
    [ -n "$port" ] && break
    sleep 0.1
done
check "serve starts" test -n "$port"
check "/healthz answers" curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz"
kill "$pid"
status=0
wait "$pid" || status=$?
check "serve stops cleanly (status $status)" test "$status" -eq 0

# An upgrade migrates: an older release's schema, the package again.
rm -f $db $db-wal $db-shm
as_service satupintu migrate --to 3 >/dev/null 2>&1
check "a schema-3 database" grep -q 'Schema version 3' <<<"$(as_service satupintu info 2>/dev/null)"
if dpkg -i "$DEB" >/tmp/dpkg2.log 2>&1; then ok "dpkg -i again (upgrade)"; else
    cat /tmp/dpkg2.log; bad "dpkg -i again"; fi
latest=$(/usr/bin/satupintu version | sed -n 's/.*(schema \([0-9]*\)).*/\1/p')
check "the postinst migrated it to schema $latest" \
    grep -q "Schema version $latest " <<<"$(as_service satupintu info 2>/dev/null)"

# Removing keeps the settings and the data.
dpkg -r satupintu >/tmp/dpkg3.log 2>&1 || { cat /tmp/dpkg3.log; bad "dpkg -r"; }
check "dpkg -r removes the program" test ! -e /usr/bin/satupintu
check "... keeps /etc/satupintu/env" test -f /etc/satupintu/env
check "... keeps the database" test -f $db
echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
INNER
)
unshare -m -- bash -c '
set -e
tmp=$1 deb=$2 inner=$3
mount --make-rprivate /
mount -t overlay overlay \
    -o "lowerdir=/,upperdir=$tmp/upper,workdir=$tmp/work" "$tmp/root"
mount --bind /dev "$tmp/root/dev"
mount -t proc proc "$tmp/root/proc"
mount -t tmpfs tmpfs "$tmp/root/run"
chroot "$tmp/root" /usr/bin/env DEB="$deb" /bin/bash -c "$inner"
' unshare-deb "$tmp" "$deb" "$inner"
