-- wrk script of bench/run.py: `wrk -s bench/wrk.lua URL -- TARGETS_FILE`.
-- TARGETS_FILE (written by run.py) returns {threads=N, revision_base=R, targets={...}}, each target
-- {method=, path=, headers={...}}. Each thread takes its own share of the targets and cycles through
-- them, so two threads never save the same answer. A POST is an autosave: the text grows with
-- every save of its target, and the revision grows with every request.

local targets = {}
local base = 0
local counter = 0

function setup(thread)
  setup_count = (setup_count or 0) + 1
  thread:set("thread_number", setup_count)
end

function init(args)
  local data = dofile(args[1])
  base = data.revision_base
  for i, target in ipairs(data.targets) do
    if (i - 1) % data.threads == thread_number - 1 then
      table.insert(targets, target)
    end
  end
  if #targets == 0 then
    targets = data.targets
  end
end

function request()
  counter = counter + 1
  local target = targets[(counter - 1) % #targets + 1]
  if target.method == "POST" then
    local saves = math.floor((counter - 1) / #targets)
    local body = "revision=" .. (base + counter) .. "&time_spent=" .. (saves % 3600)
      .. "&text=" .. string.rep("a+growing+answer+", saves % 500 + 1)
    return wrk.format("POST", target.path, target.headers, body)
  end
  return wrk.format("GET", target.path, target.headers)
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "status_errors": %d, "socket_errors": %d, '
      .. '"p50_us": %d, "p95_us": %d, "p99_us": %d}\n',
    summary.requests, summary.duration, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
