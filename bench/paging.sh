#!/bin/bash
# paging.sh - the pager's figures on an overcommitted fleet: page-in
# latency, page-outs per second, paging I/Os in flight, and whether the
# CPU idled while a guest could run. Usage: bench/paging.sh [GUESTS]
# Times inside the run come from the host's TOD clock (Hercules's clock
# runs ahead under many SIE exits): compare runs, not absolute values.
set -u
cd "$(dirname "$0")/.." || exit 1
Z=build/bin/zcmm
n=${1:-24}
[ -x "$Z" ] || make all >/dev/null || exit 1
res=$(mktemp)
start=$(date +%s.%N)
# ~212 touched pages a guest against 16 MiB of storage: about 2x overcommit
"$Z" run --quiet --storage 16M --paging-volumes 4 --guests "$n" \
	--workload random --ws 200 --iters 600 --hinting off --timeout 1200 \
	--results "$res" >/dev/null
status=$?
end=$(date +%s.%N)
awk -F'\t' -v s="$start" -v e="$end" -v st="$status" '
	NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$1 == "total" && $2 == "all" {
		g = $c["guest_us"] / 1e6
		printf "exit status %d, %d guests, %d failed, wall %.1f s\n",
			st, $c["guests"], $c["failed"], e - s
		printf "touched %d pages; page-outs %d, page-ins %d\n",
			$c["touched"], $c["pageouts"], $c["pageins"]
		printf "page-outs per second of fleet time: %.0f\n",
			$c["pageouts"] / g
		printf "page-in latency: mean %d us, max %d us\n",
			$c["pagein_us_avg"], $c["pagein_us_max"]
		printf "paging I/Os in flight at once (driver): %d\n",
			$c["io_max_inflight"]
		printf "guests waited for host I/O: %.1f s in all; the host idled %.2f s of %.1f s,\n",
			$c["io_wait_us"] / 1e6, $c["idle_us"] / 1e6, g
		printf "  and only with no guest runnable (it idles nowhere else)\n"
		printf "checksum errors %d, I/O errors %d\n",
			$c["checksum_errors"], $c["pager_io_errors"] }' "$res"
rm -f "$res"
