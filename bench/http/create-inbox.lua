-- POST /v1/inboxes into pod tenant-2 of the bench account; the server names each mailbox.
wrk.method = "POST"
wrk.path = "/v1/inboxes"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"podId":"tenant-2","displayName":"wrk"}'
