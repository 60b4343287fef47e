#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# check-docs.sh: the documentation, checked against the repository, so that
# a newcomer can trust it. Fails when, in README.md or docs/*.md,
#   1. a repository path named in backticks or as a link target does not
#      exist. A backticked token is taken for a repository path when it
#      has no spaces and either its first segment is a directory of the
#      repository (`src/app/app.c`, `tests/http/`, `data/regions/`) or of
#      src/, tests/ or data/ (`store/migrate.c` means src/store/migrate.c,
#      `fuzz/` tests/fuzz/), or it is a bare `NAME.md` (looked up next to
#      the document, at the top and in docs/). Ignored: URLs, absolute
#      system and URL paths (/etc/..., /api/v1/...), placeholders (a token
#      holding * { } < > $ | ? = & % [ ] ( ) ~ or ..., or a word such as
#      NAME, PATH, FILE, DIR, CODE, DATE), bare file names other than .md,
#      and fenced code blocks. A link target is resolved from the
#      document's own directory (anchors dropped; URLs and #anchors
#      ignored);
#   2. the data-model table of docs/ARCHITECTURE.md (the rows "| `name` |"
#      under "## Data model") does not list exactly the tables that
#      src/store/migrate.c leaves in place (every CREATE TABLE in it,
#      including schema_migrations, less every DROP TABLE of a later
#      migration);
#   3. a schema version stated in README.md or docs/*.md ("schema version
#      N", "schema (version N)", "this program needs N", code blocks
#      included) differs from the version of the last entry of
#      migrations[] in src/store/migrate.c.
# Prints each problem as FILE:LINE (or FILE) and exits 1 when there is any.
set -u
cd "$(dirname "$0")/.." || exit 2
status=0
fail() {
    echo "check-docs: $1"
    status=1
}
docs=(README.md docs/*.md)

# The repository's directories: from git when it is there (a build/ or
# node_modules/ directory on disk is not part of the repository).
if files=$(git ls-files 2>/dev/null) && [[ -n $files ]]; then
    :
else
    files=$(find . -path ./build -prune -o -name node_modules -prune -o \
        -path ./.git -prune -o -type f -print | sed 's|^\./||')
fi
declare -A top_dir sub_dir
while IFS=/ read -r a b c; do
    [[ -n $b ]] || continue
    top_dir[$a]=1
    [[ -n $c ]] && sub_dir[$a/$b]=1
done <<<"$files"

is_placeholder() {
    local t=$1
    [[ $t == *[\*\{\}\<\>\$\|\?=\&%\[\]\(\)~]* || $t == *...* ]] && return 0
    [[ $t =~ (^|[/_.-])(NAME|PATH|FILE|DIR|CODE|DATE|SUITE|LAYER|YYYY)([/_.-]|$) ]]
}

# 1. Paths. Each candidate as FILE<TAB>LINE<TAB>KIND<TAB>TOKEN, from the
# prose (fenced code blocks skipped).
while IFS=$'\t' read -r doc line kind token; do
    dir=.
    [[ $doc == */* ]] && dir=${doc%/*}
    if [[ $kind == link ]]; then
        [[ $token == *://* || $token == \#* || $token == mailto:* ]] && continue
        target=${token%%#*}
        [[ -z $target || -e $dir/$target ]] ||
            fail "$doc:$line: link to $target, which does not exist"
        continue
    fi
    token=${token%:[0-9]*} # file.c:42
    [[ $token == *://* || $token == /* ]] && continue
    is_placeholder "$token" && continue
    if [[ $token != */* ]]; then
        [[ $token == *.md ]] || continue
        [[ -e $dir/$token || -e $token || -e docs/$token ]] ||
            fail "$doc:$line: \`$token\` does not exist"
        continue
    fi
    first=${token%%/*}
    bases=()
    [[ -n ${top_dir[$first]:-} ]] && bases+=("")
    for parent in src tests data; do
        [[ -n ${sub_dir[$parent/$first]:-} ]] && bases+=("$parent/")
    done
    [[ ${#bases[@]} -gt 0 ]] || continue # not a repository path
    found=0
    for base in "${bases[@]}"; do
        [[ -e $base$token ]] && found=1
    done
    [[ $found -eq 1 ]] || fail "$doc:$line: \`$token\` does not exist"
done < <(awk '
    /^[[:space:]]*```/ { code = !code; next }
    code { next }
    {
        s = $0
        while (match(s, /`[^`]+`/)) {
            t = substr(s, RSTART + 1, RLENGTH - 2)
            if (t !~ /[[:space:]]/)
                printf "%s\t%d\tcode\t%s\n", FILENAME, FNR, t
            s = substr(s, RSTART + RLENGTH)
        }
        s = $0
        while (match(s, /\]\([^)[:space:]]+\)/)) {
            printf "%s\t%d\tlink\t%s\n", FILENAME, FNR,
                substr(s, RSTART + 2, RLENGTH - 3)
            s = substr(s, RSTART + RLENGTH)
        }
    }' "${docs[@]}")

# 2. The data model against the migrations.
migrations=src/store/migrate.c
created=$(grep -oE '(CREATE|DROP) TABLE (IF (NOT )?EXISTS )?[a-z_0-9]+' \
    "$migrations" | awk '$1 == "CREATE" { t[$NF] = 1 } $1 == "DROP" { delete t[$NF] }
    END { for (k in t) print k }' | sort -u)
listed=$(awk '
    /^## / { in_model = ($0 == "## Data model"); next }
    in_model && /^\| `[a-z_0-9]+` \|/ {
        match($0, /`[a-z_0-9]+`/)
        print substr($0, RSTART + 1, RLENGTH - 2)
    }' docs/ARCHITECTURE.md | sort -u)
[[ -n $created ]] || fail "$migrations: no CREATE TABLE found"
[[ -n $listed ]] || fail "docs/ARCHITECTURE.md: no data-model table found"
while read -r t; do
    [[ -n $t ]] && fail "docs/ARCHITECTURE.md: data model lacks table $t (created in $migrations)"
done < <(comm -23 <(echo "$created") <(echo "$listed"))
while read -r t; do
    [[ -n $t ]] && fail "docs/ARCHITECTURE.md: data model lists $t, which $migrations does not create"
done < <(comm -13 <(echo "$created") <(echo "$listed"))

# 3. The schema version: the last entry of migrations[].
latest=$(awk '
    /^static const struct migration migrations\[\] = \{/ { in_list = 1; next }
    in_list && /^\};/ { in_list = 0 }
    in_list && match($0, /^    \{[0-9]+,/) {
        v = substr($0, RSTART + 5, RLENGTH - 6)
    }
    END { print v }' "$migrations")
if [[ -z $latest ]]; then
    fail "$migrations: cannot find the last migration's version"
else
    for doc in "${docs[@]}"; do
        while read -r stated; do
            [[ -n $stated ]] || continue
            [[ ${stated##* } == "$latest" ]] ||
                fail "$doc: says \"$stated\"; the schema is at version $latest"
        done < <(tr '\n' ' ' <"$doc" | tr -s ' ' |
            grep -oiE 'schema version [0-9]+|schema \(version [0-9]+|program needs [0-9]+' |
            sed 's/(//')
    done
fi

[[ $status -eq 0 ]] && echo "check-docs: 1 passed, 0 failed"
[[ $status -ne 0 ]] && echo "check-docs: 0 passed, 1 failed"
exit $status
