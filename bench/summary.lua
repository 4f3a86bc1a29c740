-- Prints throughput, p50/p95/p99 and error counts in one block after a wrk run.
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("requests: %d in %.1fs = %.1f requests/s\n", summary.requests, seconds, summary.requests / seconds))
  for _, p in ipairs({ 50, 95, 99 }) do
    io.write(string.format("p%d latency: %.2f ms\n", p, latency:percentile(p) / 1000))
  end
  local e = summary.errors
  io.write(string.format("errors: connect %d, read %d, write %d, non-2xx/3xx %d, timeout %d\n",
    e.connect, e.read, e.write, e.status, e.timeout))
end
