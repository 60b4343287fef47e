-- SPDX-License-Identifier: AGPL-3.0-or-later
-- gzget.lua: as get.lua, asking for the gzip coding as browsers, curl
-- --compressed and the usual HTTP libraries do (Accept-Encoding: gzip).
-- Every answer but a gzip-coded 200 is counted.
local report = dofile((os.getenv("BENCH_DIR") or "bench") .. "/report.lua")

wrk.headers["Accept-Encoding"] = "gzip, deflate, br"

function setup(thread) report.setup(thread) end

function init(args) report.init(200) end

function response(status, headers, body)
    if headers["Content-Encoding"] ~= "gzip" then status = 0 end
    report.response(status)
end

function done(summary, latency, requests) report.done(summary, latency) end
