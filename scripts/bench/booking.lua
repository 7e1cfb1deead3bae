-- wrk script: book sessions as the benchmark teacher, as the browser
-- client does. BENCH_FIRST..BENCH_LAST are the session ids; with
-- BENCH_HOT set, every request books the first session. Class names are
-- unique per request, because a class may book a session only once.
local first = tonumber(os.getenv("BENCH_FIRST"))
local last = tonumber(os.getenv("BENCH_LAST"))
local hot = os.getenv("BENCH_HOT") ~= nil
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local counter = 0

request = function()
  counter = counter + 1
  local session = first
  if not hot then
    session = math.random(first, last)
  end
  local body = "session_id=" .. session
    .. "&form%5Bclass_name%5D=c" .. tid .. "-" .. counter
    .. "&form%5Bgrade%5D=%E4%B8%89%E5%B9%B4%E7%BA%A7"
    .. "&form%5Bpupils%5D=1&form%5Bteachers%5D=1"
    .. "&form%5Blead_teacher%5D=bench&form%5Bcontact_phone%5D=13812345678"
  return wrk.format("POST", "/api/booking/book", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "application/json",
    ["Origin"] = os.getenv("BENCH_ORIGIN"),
    ["Cookie"] = "xieyu_session=" .. os.getenv("BENCH_TOKEN"),
  }, body)
end
