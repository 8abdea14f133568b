-- Create a pod with a fresh clientId, then delete it, one request after the other on each connection. Run with one
-- connection per wrk thread (-t equal to -c): a thread then asks for its next request only once the answer to the
-- last one is in, so the DELETE never overtakes its POST. A pod is deleted only after its 201 has arrived (wrk may
-- build a request it never sends). wrk counts both requests, so cycles per second are half its rate.
local threads = 0

function setup(thread)
    threads = threads + 1
    thread:set("prefix", "w" .. os.time() .. "-" .. threads .. "-")
end

counter = 0
created = nil
asked = nil

function request()
    if created ~= nil then
        local clientId = created
        created = nil
        asked = nil
        return wrk.format("DELETE", "/v1/pods/" .. clientId)
    end
    counter = counter + 1
    asked = prefix .. counter
    -- a headers table given to wrk.format replaces wrk.headers (the -H options), so it carries them over
    local headers = {["Content-Type"] = "application/json"}
    for name, value in pairs(wrk.headers) do headers[name] = value end
    return wrk.format("POST", "/v1/pods", headers, '{"clientId":"' .. asked .. '","name":"wrk"}')
end

function response(status, headers, body)
    if status == 201 and asked ~= nil then
        created = asked
    end
end
