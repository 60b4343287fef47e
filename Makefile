# SPDX-License-Identifier: AGPL-3.0-or-later
# Satu Pintu: the two commands.
#   make run    install what is missing, build, create the database with the
#               bundled Banyuwangi data (first run) and serve on LISTEN
#   make test   install what is missing, build and run every test suite
#
#   make install  build and install the program, its systemd unit, user,
#               directories and /etc/satupintu/env (PREFIX, DESTDIR)
#   make deb    build the Debian package into build/deb (and lintian it)
#
# Settings (also read by the program itself): SATUPINTU_DB, SATUPINTU_LISTEN.

SATUPINTU_DB ?= sqlite:satupintu.db
SATUPINTU_LISTEN ?= 127.0.0.1:8080
export SATUPINTU_DB SATUPINTU_LISTEN

CTEST = ctest --output-on-failure --no-tests=error

PREFIX ?= /usr/local
DESTDIR ?=

.PHONY: run test build deps deps-test test-unit test-asan test-browser \
	bench clean format install deb

run: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release
	@./build/release/satupintu init
	@echo "Open http://$(SATUPINTU_LISTEN)/ (staff sign-in: /login)"
	@exec ./build/release/satupintu serve

build: deps
	@cmake --preset debug >/dev/null
	@cmake --build --preset debug

deps:
	@scripts/install-deps.sh build

deps-test:
	@scripts/install-deps.sh test

# Every suite: warnings are errors; unit, store (SQLite and a real
# PostgreSQL cluster started for the run), HTTP tests and the static
# analysis (clang-tidy and cppcheck, label lint); then unit and HTTP tests
# again under ASan+UBSan; then the browser tests.
test: deps-test
	@cmake --preset ci >/dev/null
	@cmake --build --preset ci
	@scripts/with-pg.sh $(CTEST) --test-dir build/ci -j2
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		$(CTEST) --test-dir build/asan -L 'unit|http' -j2
	@tests/browser/run.sh build/ci/satupintu

bench: deps
	@scripts/install-deps.sh bench
	@cmake --preset release >/dev/null
	@cmake --build --preset release
	@bench/run.sh build/release/satupintu

# The program, the unit (PREFIX/lib/systemd/system), the user
# (PREFIX/lib/sysusers.d), the directories (PREFIX/lib/tmpfiles.d) and
# /etc/satupintu/env (kept when it exists), under DESTDIR when set.
install: deps
	@cmake --preset release -DCMAKE_INSTALL_PREFIX=$(PREFIX) >/dev/null
	@cmake --build --preset release --target satupintu
	@DESTDIR="$(DESTDIR)" cmake --install build/release
	@if [ -z "$(DESTDIR)" ]; then \
		echo "Next: systemd-sysusers; systemd-tmpfiles --create;" \
		     "systemctl daemon-reload; systemctl enable --now satupintu"; \
	fi

# The Debian package, built from debian/ in a copy of the tree (nothing
# is written beside the repository), checked with lintian.
deb:
	@scripts/install-deps.sh deb
	@scripts/build-deb.sh build/deb

format:
	@clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf build
