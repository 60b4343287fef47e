-- SPDX-License-Identifier: AGPL-3.0-or-later
-- intake.lua: the intake API, POST /api/v1/applications, as front-office
-- staff of several offices would call it: one API key per office
-- (BENCH_KEYS, lines "OFFICE KEY"), the offices and the services each
-- accepts in rotation with their mandatory requirements (BENCH_PLAN, lines
-- "OFFICE SERVICE DISTRICT VILLAGE REQ,REQ" written by gen), and a new
-- citizen every time: a valid NIK of the office's district (its regency's
-- digits taken from the office code, 35.10.09 -> 3510; birth date and
-- serial varied), a name, a phone number. Every answer but 201 is counted.
local report = dofile((os.getenv("BENCH_DIR") or "bench") .. "/report.lua")

function setup(thread) report.setup(thread) end

local given = {"Agus", "Siti", "Budi", "Dewi", "Eko", "Sri", "Hadi", "Nur",
               "Joko", "Ayu", "Slamet", "Lestari", "Wahyu", "Indah"}
local family = {"Santoso", "Wibowo", "Hidayat", "Rahmawati", "Setiawan",
                "Handayani", "Prasetyo", "Susanti", "Saputra", "Hasanah"}

local function json_str(s)
  return '"' .. s:gsub('[%c"\\]', function(c)
    return string.format("\\u%04x", c:byte())
  end) .. '"'
end

function init(args)
  report.init(201)
  local keys = {}
  for line in io.lines(os.getenv("BENCH_KEYS") or "keys.txt") do
    local office, key = line:match("^(%S+)%s+(%S+)$")
    if office then keys[office] = key end
  end
  plan = {}
  for line in io.lines(os.getenv("BENCH_PLAN") or "plan.txt") do
    local office, service, district, village, reqs =
      line:match("^(%S+) (%S+) (%d%d) (%S+) (%S+)$")
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
  assert(#plan > 0, "no plan lines for the offices with keys")
  n = thread_id * 1000003
  i = (thread_id * 7919) % #plan
end

function request()
  n = n + 1
  i = i % #plan + 1
  local p = plan[i]
  local female = n % 2 == 1
  local day = n % 28 + 1 + (female and 40 or 0)
  local month = math.floor(n / 28) % 12 + 1
  local yy = 50 + math.floor(n / 336) % 55
  local nik = string.format("%s%s%02d%02d%02d%04d", p.regency, p.district, day, month,
                            yy % 100, n % 9999 + 1)
  local name = given[n % #given + 1] .. " " .. family[math.floor(n / 14) % #family + 1]
  local body = string.format(
    '{"office":%s,"service":%s,"citizen":{"nik":"%s","name":%s,'
      .. '"village":%s,"phone":"08%010d","email":""},"requirements":%s,'
      .. '"purpose":"Melamar pekerjaan",'
      .. '"fields":{}}',
    json_str(p.office), json_str(p.service), nik, json_str(name),
    json_str(p.village), n % 10000000000, p.reqs)
  return wrk.format("POST", "/api/v1/applications", p.headers, body)
end

function response(status, headers, body) report.response(status) end

function done(summary, latency, requests) report.done(summary, latency) end
