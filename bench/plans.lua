-- wrk script for bench/plans-load.sh. Run with as many threads as connections (-tN -cN), so each
-- thread is one signed-in person on one connection. Each thread reads its own line of the people file
-- (Cookie header, antiforgery token, the section's current version) and either GETs a page or saves
-- the section with the version it last saved, so every save succeeds rather than meeting a conflict.
-- Arguments after --: mode (get|save), path, people file.
dofile("bench/summary.lua")
local print_summary = done
local next_id = 0
local threads = {}

function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
  table.insert(threads, thread)
end

function init(args)
  mode, path = args[1], args[2]
  local n = 0
  for line in io.lines(args[3]) do
    n = n + 1
    if n == id then
      cookie, token, version = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)$")
      version = tonumber(version)
    end
  end
  if cookie == nil then
    error("no signed-in person for thread " .. id)
  end
  wrk.headers["Cookie"] = cookie
  saved, refused, resync = 0, 0, false
end

function request()
  if mode ~= "save" or resync then
    return wrk.format("GET", path)
  end
  local body = "__RequestVerificationToken=" .. token .. "&BaseVersion=" .. version
    .. "&F.EveryDay=Breakfast%20by%20the%20window%0AA%20walk%20round%20the%20park%0AText%20my%20sister%20" .. version
    .. "&F.MightNeed=Pay%20the%20rent%0ABook%20a%20check-up"
  -- wrk.format uses the given headers instead of wrk.headers, so carry the Cookie and Host over.
  local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
  for k, v in pairs(wrk.headers) do
    headers[k] = v
  end
  return wrk.format("POST", path, headers, body)
end

function response(status, headers, body)
  if mode ~= "save" then
    return
  end
  if resync then
    version = tonumber(body:match('name="BaseVersion" value="(%d+)"')) or version
    resync = false
  elseif status == 302 and (headers["Location"] or ""):find("saved=1", 1, true) then
    saved = saved + 1
    version = version + 1
  else
    refused = refused + 1
    resync = true
  end
end

function done(summary, latency, requests)
  print_summary(summary, latency, requests)
  if threads[1]:get("mode") == "save" then
    local s, r = 0, 0
    for _, t in ipairs(threads) do
      s = s + t:get("saved")
      r = r + t:get("refused")
    end
    io.write(string.format("saves: %d saved (302 to ?saved=1), %d not saved (conflict or error)\n", s, r))
  end
end
