#!/usr/bin/env bash
# Load and cold start of the webhook server, each against a bare ASP.NET Core endpoint measured in the same run
# (bench/KernelPrBot.Sandbox bare: same host, same route, reads the body, answers 202, does nothing else).
#
#   cold start  process start to the first answered GET /healthz, RUNS times each (median, min, max)
#   load        wrk with THREADS threads and CONNECTIONS connections for SECONDS, after a 3 s warm-up, POSTing the
#               signed fixture pull_request.opened delivery with a new X-GitHub-Delivery each time
#               (scripts/load/github-delivery.lua): deliveries/s, p50, p99, non-2xx answers
#   memory      peak RSS (VmHWM) of each server process after its load
#
# The bot runs as an ingress-only node (Queue:Workers=0, SQLite queue): every accepted delivery is verified, mapped,
# de-duplicated and durably queued, and nothing is reviewed, so the figures are the webhook path alone.
# Both processes log at Warning.
#
# Usage: scripts/load.sh [-r RUNS] [-d SECONDS] [-c CONNECTIONS] [-t THREADS] [--server-r2r]
#   --server-r2r  also publish the server ReadyToRun and measure its cold start
# Needs: dotnet, wrk, curl, openssl, python3. The delivery body is tests/fixtures/github/webhooks/pull_request.opened.json.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=10 seconds=20 connections=16 threads=2 r2r=0
while (($#)); do
	case $1 in
	-r) runs=$2; shift ;;
	-d) seconds=$2; shift ;;
	-c) connections=$2; shift ;;
	-t) threads=$2; shift ;;
	--server-r2r) r2r=1 ;;
	-h | --help) sed -n '2,/^set -e/{/^set -e/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
	*) echo "load.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
	esac
	shift
done
for tool in dotnet wrk curl openssl; do
	command -v $tool >/dev/null || { echo "load.sh: $tool is not installed" >&2; exit 2; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/kpb-load.XXXXXX")
pids=()
cleanup() {
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
	rm -rf -- "$work"
}
trap cleanup EXIT

echo "publishing (Release)..." >&2
dotnet publish src/KernelPrBot.Server -c Release -o "$work/server" --nologo -v q >/dev/null
dotnet publish bench/KernelPrBot.Sandbox -c Release -o "$work/sandbox" --nologo -v q >/dev/null
if ((r2r)); then
	dotnet publish src/KernelPrBot.Server -c Release -r "linux-$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')" \
		--self-contained false -p:PublishReadyToRun=true -o "$work/server-r2r" --nologo -v q >/dev/null
fi

secret=kpb-load-secret
body=tests/fixtures/github/webhooks/pull_request.opened.json
signature=sha256=$(openssl dgst -sha256 -hmac "$secret" -r "$body" | cut -d' ' -f1)

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# start NAME PORT: starts the named server in the background and sets $pid
start() {
	local name=$1 port=$2 url=http://127.0.0.1:$2
	case $name in
	# exec: $! must be the server itself, not a subshell around it, for kill and /proc/PID/status.
	bare) exec "$work/sandbox/KernelPrBot.Sandbox" bare --urls "$url" --Logging:LogLevel:Default=Warning ;;
	bot | bot-r2r)
		local dir=$work/server
		[[ $name == bot-r2r ]] && dir=$work/server-r2r
		exec "$dir/kernel-pr-bot-server" serve --urls "$url" --Logging:LogLevel:Default=Warning \
			--KernelPrBot:GitHub:Token=load-test-token --KernelPrBot:GitHub:WebhookSecret="$secret" \
			--KernelPrBot:Queue:Workers=0 --KernelPrBot:Queue:Path="$work/queue-$port.db" ;;
	esac >"$work/$name-$port.log" 2>&1 &
	pid=$!
	pids+=("$pid")
}

# cold NAME: milliseconds from process start to the first 200 from /healthz
cold() {
	local p t0 t1
	p=$(port)
	t0=$(date +%s%N)
	start "$1" "$p"
	until curl -sf -o /dev/null "http://127.0.0.1:$p/healthz"; do
		kill -0 "$pid" 2>/dev/null || { cat "$work/$1-$p.log" >&2; echo "load.sh: $1 exited" >&2; exit 1; }
		sleep 0.002
	done
	t1=$(date +%s%N)
	kill "$pid"; wait "$pid" 2>/dev/null || true
	echo $(((t1 - t0) / 1000000))
}

stats() { sort -n | awk '{ v[NR] = $1 } END { printf "%d %d %d", v[int((NR + 1) / 2)], v[1], v[NR] }'; }

names=(bare bot)
((r2r)) && names+=(bot-r2r)
declare -A cold_ms
for name in "${names[@]}"; do cold "$name" >/dev/null; done # warm the page cache
for name in "${names[@]}"; do
	cold_ms[$name]=$(for ((i = 0; i < runs; i++)); do cold "$name"; done | stats)
done

# load NAME: wrk summary line "rps p50 p99 non2xx rss_mib"
load() {
	local p url out
	p=$(port)
	url=http://127.0.0.1:$p
	start "$1" "$p"
	until curl -sf -o /dev/null "$url/healthz"; do sleep 0.01; done
	wrk -t "$threads" -c "$connections" -d 3s -s scripts/load/github-delivery.lua "$url/api/github/webhooks" -- "$body" "$signature" pull_request >/dev/null
	out=$(wrk -t "$threads" -c "$connections" -d "${seconds}s" --latency -s scripts/load/github-delivery.lua \
		"$url/api/github/webhooks" -- "$body" "$signature" pull_request)
	echo "$out" >"$work/wrk-$1.txt"
	local rss
	rss=$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")
	kill "$pid"; wait "$pid" 2>/dev/null || true
	echo "$out" | awk -v rss="$rss" '
		function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
		/Requests\/sec/ { rps = $2 }
		$1 == "50%" { p50 = ms($2) }
		$1 == "99%" { p99 = ms($2) }
		/Non-2xx/ { bad = $NF }
		/Socket errors/ { errors = $0 }
		END { printf "%.0f %.2f %.2f %d %s\n", rps, p50, p99, bad + 0, rss }'
}

declare -A loaded
for name in bare bot; do loaded[$name]=$(load "$name"); done

printf '\ncold start, process start to first answered GET /healthz, %d runs (ms: median min max)\n' "$runs"
for name in "${names[@]}"; do
	read -r med lo hi <<<"${cold_ms[$name]}"
	printf '  %-8s %6d %6d %6d   %.1fx bare\n' "$name" "$med" "$lo" "$hi" "$(awk -v a="$med" -v b="${cold_ms[bare]%% *}" 'BEGIN { print a / b }')"
done
printf '\nload: wrk -t%d -c%d -d%ds, signed pull_request.opened (%d bytes), new delivery id per request\n' \
	"$threads" "$connections" "$seconds" "$(stat -c %s "$body")"
printf '  %-8s %12s %9s %9s %8s %12s\n' target deliveries/s "p50 ms" "p99 ms" non-2xx "peak RSS MiB"
for name in bare bot; do
	read -r rps p50 p99 bad rss <<<"${loaded[$name]}"
	printf '  %-8s %12s %9s %9s %8s %12s\n' "$name" "$rps" "$p50" "$p99" "$bad" "$rss"
done
read -r brps bp50 bp99 _ _ <<<"${loaded[bare]}"
read -r rps p50 p99 bad _ <<<"${loaded[bot]}"
awk -v a="$brps" -v b="$rps" -v c="$p50" -v d="$bp50" -v e="$p99" -v f="$bp99" \
	'BEGIN { printf "  bot/bare: throughput %.2fx, p50 %.1fx, p99 %.1fx\n", b / a, c / d, e / f }'
((bad == 0)) || { echo "load.sh: the bot answered $bad deliveries with a non-2xx status" >&2; exit 1; }
