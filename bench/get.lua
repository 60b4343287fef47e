-- SPDX-License-Identifier: AGPL-3.0-or-later
-- get.lua: one public page or API document, GET of the URL's path (the
-- catalogue, a service page, an office page, GET /api/v1/services), with
-- the same per-response Lua work as the other scripts. Every answer but
-- 200 is counted.
local report = dofile((os.getenv("BENCH_DIR") or "bench") .. "/report.lua")

function setup(thread) report.setup(thread) end

function init(args) report.init(200) end

function response(status, headers, body) report.response(status) end

function done(summary, latency, requests) report.done(summary, latency) end
