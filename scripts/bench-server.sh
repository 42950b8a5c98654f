#!/usr/bin/env bash
# Measure the API server from outside the JVM (docs/BENCHMARKS.md, "The API server"):
#  1. requests/s of POST .../services/echo/request through the HTTP gateway, with wrk
#     (64 connections, 2 threads, 10 s by default), against four echo containers;
#  2. apply -> Running through kubectl: `kubectl apply` of a new Container, then
#     `kubectl wait --for=jsonpath={.status.phase}=Running`, wall time per Container.
# Usage: scripts/bench-server.sh [--no-build] [--duration 10s] [--connections 64] [--applies 10]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=10s connections=64 applies=10 build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0 ;;
    --duration) duration=$2; shift ;;
    --connections) connections=$2; shift ;;
    --applies) applies=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
command -v wrk >/dev/null || { echo "wrk is needed (Debian package wrk)" >&2; exit 1; }
kubectl=$(ls /usr/lib/google-cloud-sdk/bin/kubectl.1.33 2>/dev/null || command -v kubectl || true)
[ -n "$kubectl" ] || { echo "kubectl is needed (Debian package kubectl)" >&2; exit 1; }
[ "$build" = 0 ] || ./k4s mvn -B -q -o -DskipTests -pl k4s-demo -am package
work=$(mktemp -d)
java -jar k4s-demo/target/k4s-demo.jar serve --port 0 -f scripts/bench-server/echo.yaml \
  --kubeconfig "$work/kubeconfig" >"$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 600); do grep -q 'listening on' "$work/serve.log" && break; sleep 0.1; done
url=$(sed -n 's/^k4s API server listening on //p' "$work/serve.log")
[ -n "$url" ] || { cat "$work/serve.log" >&2; exit 1; }
k() { "$kubectl" --kubeconfig "$work/kubeconfig" --cache-dir "$work/cache" "$@"; }
k wait --for=jsonpath='{.status.readyReplicas}'=4 replicaset/echo --timeout=60s >/dev/null
echo "== k4s API server at $url, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== gateway: POST $url/apis/k4s.io/v1/namespaces/default/services/echo/request"
wrk -t2 -c"$connections" -d"$duration" --latency -s scripts/bench-server/post.lua \
  "$url/apis/k4s.io/v1/namespaces/default/services/echo/request"
echo "== apply -> Running through kubectl ($applies Containers, one at a time)"
times=()
for i in $(seq "$applies"); do
  printf 'apiVersion: k4s.io/v1\nkind: Container\nmetadata: {name: probe-%s}\nspec: {worker: echo}\n' "$i" >"$work/c.yaml"
  start=$(date +%s%N)
  k apply -f "$work/c.yaml" >/dev/null
  k wait --for=jsonpath='{.status.phase}'=Running "container/probe-$i" --timeout=60s >/dev/null
  times+=($(( ($(date +%s%N) - start) / 1000000 )))
done
start=$(date +%s%N); k version --client >/dev/null; client=$(( ($(date +%s%N) - start) / 1000000 ))
printf '%s\n' "${times[@]}" | sort -n | awk -v client="$client" '{a[NR]=$1} END {
  printf "apply+wait per Container: min %d ms, median %d ms, max %d ms (two kubectl runs; one kubectl start alone: %d ms)\n",
    a[1], a[int((NR+1)/2)], a[NR], client }'
