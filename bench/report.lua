-- SPDX-License-Identifier: AGPL-3.0-or-later
-- report.lua: the common part of the wrk scripts (loaded with dofile by
-- static.lua, track.lua and intake.lua): per-thread counts of answers other
-- than the expected status, gathered in done() and printed as "BENCH key
-- value" lines for bench/run.sh, with the latency percentiles in
-- microseconds.
local M = {}

local threads = {}
local n_threads = 0

-- Call from setup(thread): number the threads, keep them for done().
function M.setup(thread)
  thread:set("thread_id", n_threads)
  n_threads = n_threads + 1
  table.insert(threads, thread)
end

-- Call from init(): the status this script expects, or a list of them
-- (a mixed load: {200, 201}).
function M.init(expected_status)
  expected = {}
  if type(expected_status) == "table" then
    for _, s in ipairs(expected_status) do expected[s] = true end
  else
    expected[expected_status] = true
  end
  unexpected = 0
  statuses = {}
end

-- Call from response(status, ...).
function M.response(status)
  if not expected[status] then
    unexpected = unexpected + 1
    statuses[status] = (statuses[status] or 0) + 1
  end
end

function M.done(summary, latency)
  local bad, by_status = 0, {}
  for _, t in ipairs(threads) do
    bad = bad + t:get("unexpected")
    for s, n in pairs(t:get("statuses")) do
      by_status[s] = (by_status[s] or 0) + n
    end
  end
  local e = summary.errors
  local out = {
    string.format("BENCH requests %d", summary.requests),
    string.format("BENCH duration_us %d", summary.duration),
    string.format("BENCH rps %.1f", summary.requests / summary.duration * 1e6),
    string.format("BENCH unexpected %d", bad),
    string.format("BENCH socket_errors %d",
                  e.connect + e.read + e.write + e.timeout),
    string.format("BENCH p50_us %d", latency:percentile(50)),
    string.format("BENCH p90_us %d", latency:percentile(90)),
    string.format("BENCH p99_us %d", latency:percentile(99)),
    string.format("BENCH max_us %d", latency.max),
  }
  for s, n in pairs(by_status) do
    table.insert(out, string.format("BENCH status_%d %d", s, n))
  end
  io.write(table.concat(out, "\n") .. "\n")
end

return M
