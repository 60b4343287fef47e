-- SPDX-License-Identifier: AGPL-3.0-or-later
-- mixed.lua: a mixed load, as a regency's day looks from outside: of
-- every ten requests six track an application (GET /api/v1/track/{no}
-- with its PIN, from BENCH_SAMPLE), three read the catalogue (the list,
-- or one service: GET /api/v1/services[/{code}]) and one registers an
-- application at a counter (POST /api/v1/applications with a front-office
-- key, from BENCH_PLAN and BENCH_KEYS, a new valid NIK each time, as
-- intake.lua). 200 and 201 are expected; every other answer is counted.
local report = dofile((os.getenv("BENCH_DIR") or "bench") .. "/report.lua")

function setup(thread) report.setup(thread) end

local function json_str(s)
  return '"' .. s:gsub('[%c"\\]', function(c)
    return string.format("\\u%04x", c:byte())
  end) .. '"'
end

function init(args)
  report.init({200, 201})
  track = {}
  for line in io.lines(os.getenv("BENCH_SAMPLE") or "sample.txt") do
    local no, pin = line:match("^(%S+)%s+(%d+)$")
    if no then
      track[#track + 1] = wrk.format("GET", "/api/v1/track/" .. no .. "?pin=" .. pin)
    end
  end
  local keys = {}
  for line in io.lines(os.getenv("BENCH_KEYS") or "keys.txt") do
    local office, key = line:match("^(%S+)%s+(%S+)$")
    if office then keys[office] = key end
  end
  plan, catalogue, seen = {}, {wrk.format("GET", "/api/v1/services")}, {}
  for line in io.lines(os.getenv("BENCH_PLAN") or "plan.txt") do
    local office, service, district, village, reqs =
      line:match("^(%S+) (%S+) (%d%d) (%S+) (%S+)$")
    if service and not seen[service] then
      seen[service] = true
      catalogue[#catalogue + 1] = wrk.format("GET", "/api/v1/services/" .. service)
    end
    if office and keys[office] then
      local codes = {}
      if reqs ~= "-" then
        for c in reqs:gmatch("[^,]+") do codes[#codes + 1] = json_str(c) end
      end
      plan[#plan + 1] = {
        office = office, service = service, district = district,
        regency = office:sub(1, 2) .. office:sub(4, 5),
        village = village ~= "-" and village or "",
        reqs = "[" .. table.concat(codes, ",") .. "]",
        headers = {["Content-Type"] = "application/json",
                   ["Authorization"] = "Bearer " .. keys[office]},
      }
    end
  end
  assert(#track > 0 and #plan > 0, "no sample or no plan lines with keys")
  n = thread_id * 1000003
  k = thread_id
end

local function intake()
  local p = plan[n % #plan + 1]
  local female = n % 2 == 1
  local day = n % 28 + 1 + (female and 40 or 0)
  local month = math.floor(n / 28) % 12 + 1
  local yy = 50 + math.floor(n / 336) % 55
  local nik = string.format("%s%s%02d%02d%02d%04d", p.regency, p.district,
                            day, month, yy % 100, n % 9999 + 1)
  local body = string.format(
    '{"office":%s,"service":%s,"citizen":{"nik":"%s","name":"Warga %d",'
      .. '"village":%s,"phone":"08%010d","email":""},"requirements":%s,'
      .. '"purpose":"Melamar pekerjaan",'
      .. '"fields":{}}',
    json_str(p.office), json_str(p.service), nik, n, json_str(p.village),
    n % 10000000000, p.reqs)
  return wrk.format("POST", "/api/v1/applications", p.headers, body)
end

function request()
  n = n + 1
  k = k + 1
  local slot = k % 10
  if slot < 6 then return track[n % #track + 1] end
  if slot < 9 then return catalogue[n % #catalogue + 1] end
  return intake()
end

function response(status, headers, body) report.response(status) end

function done(summary, latency, requests) report.done(summary, latency) end
