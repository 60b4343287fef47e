-- SPDX-License-Identifier: AGPL-3.0-or-later
-- track.lua: the public tracking API, GET /api/v1/track/{no}?pin={pin},
-- for the sample of real (registration number, PIN) pairs that gen wrote
-- (BENCH_SAMPLE, lines "NO PIN"), round-robin, each thread from its own
-- offset. Only right PINs: wrong ones are throttled per number and
-- address. Every answer but 200 is counted.
local report = dofile((os.getenv("BENCH_DIR") or "bench") .. "/report.lua")

function setup(thread) report.setup(thread) end

function init(args)
  report.init(200)
  local path = os.getenv("BENCH_SAMPLE") or "sample.txt"
  reqs = {}
  for line in io.lines(path) do
    local no, pin = line:match("^(%S+)%s+(%d+)$")
    if no then
      reqs[#reqs + 1] = wrk.format("GET", "/api/v1/track/" .. no .. "?pin=" .. pin)
    end
  end
  assert(#reqs > 0, "no (number, PIN) pairs in " .. path)
  i = (thread_id * 7919) % #reqs
end

function request()
  i = i % #reqs + 1
  return reqs[i]
end

function response(status, headers, body) report.response(status) end

function done(summary, latency, requests) report.done(summary, latency) end
