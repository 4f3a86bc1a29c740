-- POSTs QuestionnaireResponses (check-ins) to the URL wrk is given, each for the next of many people in turn.
-- Arguments after --: the people file (one line a person: "lb.session=..." cookie, a tab, that person's
-- QuestionnaireResponse JSON on one line; written by bench/fhir-people.sh) and wrk's thread count (-t). Each request goes to the next
-- person, threads interleaved (thread t of T sends for people t, t+T, t+2T, ...), so with at least as many
-- people as connections no two requests in flight are for the same person. Prints the summary.
dofile("bench/summary.lua")
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function init(args)
  people = {}
  for line in io.lines(args[1]) do
    local cookie, body = line:match("^([^\t]*)\t(.*)$")
    if cookie then
      table.insert(people, { headers = { ["Cookie"] = cookie, ["Content-Type"] = "application/fhir+json" }, body = body })
    end
  end
  if #people == 0 then
    error("no people in " .. tostring(args[1]))
  end
  step = tonumber(args[2] or "2")
  nextIndex = id - 1
end

function request()
  local p = people[(nextIndex % #people) + 1]
  nextIndex = nextIndex + step
  return wrk.format("POST", nil, p.headers, p.body)
end
