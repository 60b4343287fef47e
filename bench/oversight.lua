-- SPDX-License-Identifier: AGPL-3.0-or-later
-- oversight.lua: GET of an oversight page or the performance API for a
-- year (BENCH_PATH), signed in by BENCH_COOKIE (a session cookie) or
-- BENCH_KEY (an API key of the Sekda). Every answer must be 200.
local report = dofile((os.getenv("BENCH_DIR") or "bench") .. "/report.lua")

function setup(thread) report.setup(thread) end

function init(args)
  report.init(200)
  local headers = {}
  local cookie, key = os.getenv("BENCH_COOKIE"), os.getenv("BENCH_KEY")
  if cookie and cookie ~= "" then headers["Cookie"] = cookie end
  if key and key ~= "" then headers["Authorization"] = "Bearer " .. key end
  req = wrk.format("GET", os.getenv("BENCH_PATH"), headers)
end

function request() return req end

function response(status, headers, body) report.response(status) end

function done(summary, latency, requests) report.done(summary, latency) end
