-- Each wrk request is a pipelined pair on one connection: create a pod with a fresh clientId, then delete it.
-- wrk counts both answers, so pairs per second are half the requests per second it prints.
local threads = 0

function setup(thread)
    threads = threads + 1
    thread:set("prefix", "w" .. os.time() .. "-" .. threads .. "-")
end

counter = 0

function request()
    counter = counter + 1
    local clientId = prefix .. counter
    local create = wrk.format("POST", "/v1/pods", {["Content-Type"] = "application/json"},
        '{"clientId":"' .. clientId .. '","name":"wrk"}')
    local delete = wrk.format("DELETE", "/v1/pods/" .. clientId, nil, nil)
    return create .. delete
end
