-- wrk script: POST a JSON payload to the gateway (see scripts/bench-server.sh)
wrk.method = "POST"
wrk.body = '"hello"'
wrk.headers["Content-Type"] = "application/json"
