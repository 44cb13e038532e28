-- wrk script for scripts/load.sh: POSTs one signed GitHub delivery; every request carries a new
-- X-GitHub-Delivery, so the bot de-duplicates nothing and queues every one.
-- Arguments (after --): BODY_FILE SIGNATURE EVENT

local threads = {}
local next_id = 0

function setup(thread)
	thread:set("thread_id", next_id)
	next_id = next_id + 1
	table.insert(threads, thread)
end

function init(args)
	local file = assert(io.open(args[1], "rb"))
	body = file:read("*a")
	file:close()
	signature = args[2]
	event = args[3]
	run = os.time() % 4294967296
	sent = 0
end

function request()
	sent = sent + 1
	local delivery = string.format("%08x-%04x-4000-8000-%012x", run, thread_id, sent)
	return wrk.format("POST", nil, {
		["Content-Type"] = "application/json",
		["User-Agent"] = "GitHub-Hookshot/kpb-load",
		["X-GitHub-Event"] = event,
		["X-GitHub-Delivery"] = delivery,
		["X-Hub-Signature-256"] = signature,
	}, body)
end
