#!/usr/bin/env bash
# Check that the worker example in docs/worker-example works end to end: install k4s, build the
# example jar, run it as a plugin in `k4s-demo run`, and ask it to greet. Exits non-zero (and
# prints the output) if the reply "Hello, World!" does not come back.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q install -DskipTests
mvn -B -q -f docs/worker-example/pom.xml package

output=$(printf 'request service/greeter World\nexit\n' \
    | java -jar k4s-demo/target/k4s-demo.jar run -f docs/worker-example/greeter.yaml \
        --plugins docs/worker-example/target 2>&1) || {
    status=$?
    echo "check-worker-example: k4s-demo run exited with $status; its output:" >&2
    echo "$output" >&2
    exit 1
}

if grep -qF "Hello, World!" <<<"$output"; then
    echo "check-worker-example: OK (the greeter plugin answered \"Hello, World!\")"
else
    echo "check-worker-example: FAILED: no \"Hello, World!\" in the output of k4s-demo run:" >&2
    echo "$output" >&2
    exit 1
fi
