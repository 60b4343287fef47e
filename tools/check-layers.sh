#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# check-layers.sh: the architecture, checked (docs/STYLE.md: make the safe
# way the short way, and let a tool reject the unsafe way). Fails when
#   1. a layer includes a layer it must not (arrows point inward):
#        base/  -> base only
#        core/  -> base, core
#        store/ -> base, core, store
#        http/  -> base, core, http
#        views/ -> base, core, views, and store headers for their types,
#                  but never store/db.h (views never touch the database)
#        svc/   -> base, core, store, svc (services know no HTTP and no
#                  pages)
#   2. any file but src/http/server.c includes <microhttpd.h>;
#   3. a banned call appears in any C file of the repository (src/,
#      tests/, tools/, bench/): gets, sprintf, vsprintf, strcpy, strcat,
#      stpcpy are unbounded; write snprintf, memcpy with a known length,
#      or a struct buf instead. There is no exemption;
#   4. SQL is run outside store/ (db_int, db_run, db_query, db_prepare,
#      db_exec in app/, views/, http/ or cli/): queries live in store/;
#   4b. a statement is prepared and stepped by hand outside the database
#      layer (src/store/db*.c): rows are read with db_get_one(),
#      db_get_list() or db_each(), so the prepare-step-finalize sequence
#      is written once; and a transaction ends only through db_tx_end()
#      (commit when all went well, else roll back: one tail, not many);
#   4c. a function declared in a header returns enum err without
#      __attribute__((warn_unused_result)) (the compiler then refuses a
#      caller that ignores the result: errors fail closed);
#   5. a role is compared outside src/core/ (who may do what is decided by
#      the permission table and the scope functions of core/role.c);
#   7. markup passed to html_printf() as an argument (see below);
#   6. a source file (C, shell, JavaScript, Lua, CMake, the Makefile, CSS)
#      lacks its SPDX-License-Identifier line (the project is AGPL-3.0 or
#      later; see LICENSE) in its first three lines.
# Prints each violation as FILE:LINE and exits 1 when there is any.
set -u
cd "$(dirname "$0")/.." || exit 2
status=0
fail() {
    echo "check-layers: $1"
    status=1
}
allowed() { # layer included-layer -> 0 when allowed
    case "$1" in
    base) [[ $2 == base ]] ;;
    core) [[ $2 == base || $2 == core ]] ;;
    store) [[ $2 == base || $2 == core || $2 == store ]] ;;
    http) [[ $2 == base || $2 == core || $2 == http ]] ;;
    views) [[ $2 == base || $2 == core || $2 == views || $2 == store ]] ;;
    svc) [[ $2 == base || $2 == core || $2 == store || $2 == svc ]] ;;
    *) true ;;
    esac
}
for f in src/*/*.c src/*/*.h; do
    layer=$(basename "$(dirname "$f")")
    while IFS=: read -r line inc; do
        [[ -n $line ]] || continue
        target=${inc%%/*}
        allowed "$layer" "$target" || fail "$f:$line: $layer/ must not include $inc"
        if [[ $layer == views && $inc == store/db.h ]]; then
            fail "$f:$line: views/ must not include store/db.h"
        fi
    done < <(grep -n '^#include "' "$f" | sed -E 's/^([0-9]+):#include "([^"]+)".*/\1:\2/')
done
while IFS=: read -r file line _; do
    [[ $file == src/http/server.c ]] || fail "$file:$line: only src/http/server.c may include <microhttpd.h>"
done < <(grep -n '#include <microhttpd.h>' src/*/*.c src/*/*.h)
while IFS=: read -r file line _; do
    fail "$file:$line: banned unbounded call"
done < <(find src tests tools bench -name '*.[ch]' -print0 2>/dev/null |
    xargs -0 grep -nE \
        '(^|[^a-z_])(gets|sprintf|vsprintf|strcpy|strcat|stpcpy)\(' /dev/null)
while IFS=: read -r file line _; do
    fail "$file:$line: SQL outside store/"
done < <(grep -nE 'db_(int|run|query|prepare|exec|get_one|get_list)(_v)?\(' \
    src/svc/*.c src/app/*.c src/views/*.c src/http/*.c src/cli/*.c)
while IFS=: read -r file line _; do
    fail "$file:$line: statement stepped by hand (use db_get_one, db_get_list, db_each)"
done < <(grep -nE '(^|[^a-z_])db_(prepare|query|step|finalize)(_v)?\(' src/*/*.c |
    grep -vE '^src/store/db(_pg|_sqlite)?\.c:')
while IFS=: read -r file line _; do
    fail "$file:$line: transaction ended by hand (use db_tx_end)"
done < <(grep -nE '(^|[^a-z_])db_commit\(' src/*/*.c | grep -v '^src/store/db\.c:')
while IFS=: read -r file line; do
    fail "$file:$line: enum err result may be ignored (add __attribute__((warn_unused_result)))"
done < <(awk '
    FNR == 1 { open_decl = 0 }
    /^enum err [a-z_0-9]+\(/ { open_decl = 1; start = FNR; text = "" }
    open_decl { text = text $0 }
    open_decl && /;/ {
        if (text !~ /warn_unused_result/) print FILENAME ":" start
        open_decl = 0
    }' src/*/*.h)
while IFS=: read -r file line _; do
    fail "$file:$line: role compared outside core/ (use role_has/scope_*)"
done < <(grep -nE '(->|\.)role *[!=]= |[!=]= *ROLE_[A-Z]' src/*/*.c src/*/*.h |
    grep -v '^src/core/')
# 7. Markup handed to html_printf() as an argument is escaped as text
#    (`<tr%s>` with " class=\"overdue\"" printed class=&quot;overdue&quot;,
#    issue 15): a ternary choosing a string with a quote or a tag in views/
#    or app/ is refused; put the markup in the format and pass the value
#    (`<tr class=\"%s\">`, "overdue").
while IFS=: read -r file line _; do
    fail "$file:$line: markup passed as an argument is escaped (put it in the format)"
done < <(grep -nE '[?:] *"[^"]*(\\"|<[a-z/])[^"]*"' src/views/*.c src/app/*.c |
    grep -vE 'html_raw|arena_printf|T\(|L\(')
while read -r file; do
    [[ -f $file ]] || continue
    head -n 3 "$file" | grep -q 'SPDX-License-Identifier: AGPL-3.0-or-later' ||
        fail "$file:1: no SPDX-License-Identifier line"
done < <(git ls-files '*.c' '*.h' '*.sh' '*.mjs' '*.lua' '*.css' \
    'CMakeLists.txt' '*/CMakeLists.txt' Makefile .ci/run 2>/dev/null)
[[ $status -eq 0 ]] && echo "check-layers: 1 passed, 0 failed"
[[ $status -ne 0 ]] && echo "check-layers: 0 passed, 1 failed"
exit $status
