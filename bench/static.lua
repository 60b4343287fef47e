-- SPDX-License-Identifier: AGPL-3.0-or-later
-- static.lua: the reference: GET of nginx's 1 KB static file, with the
-- same per-response Lua work as track.lua and intake.lua (a status check),
-- so that the client costs the same on both sides of a ratio.
local report = dofile((os.getenv("BENCH_DIR") or "bench") .. "/report.lua")

function setup(thread) report.setup(thread) end

function init(args)
  report.init(200)
  req = wrk.format("GET", "/1k.html")
end

function request() return req end

function response(status, headers, body) report.response(status) end

function done(summary, latency, requests) report.done(summary, latency) end
