-- POSTs the QuestionnaireResponse in $LB_BODY (a check-in) to the URL wrk is given; prints the summary.
local f = assert(io.open(os.getenv("LB_BODY"), "r"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/fhir+json"
dofile("bench/summary.lua")
