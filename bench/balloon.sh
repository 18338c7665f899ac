#!/bin/bash
# balloon.sh - the balloon's targets (docs/balloon.md), measured:
#  1. settling: on a phases fleet (working sets that grow and shrink) at
#     2x overcommit, the periods a balloon target takes to reach the
#     policy's goal after the goal moves (host counters settled,
#     settle_avg_x10, settle_max). Target: at most 5.
#  2. no swap storm: an anon fleet (guests that swap to their own disk by
#     design) under hinting and under balloon+hinting doing the same work;
#     guest swap-ins (the guests' own "swap:" lines), in all and per
#     second of run time. Target: the balloon adds at most a quarter to
#     the guests' own swap-ins (+20): ballooned <= 1.25 x unballooned + 20.
#  3. sampling cost: the sampler's measured host time plus its faults
#     (WSS_FAULT_US each) as a share of the run (wss_cost_ppm). Target:
#     under 1% (10000 ppm).
# Usage: bench/balloon.sh [ZCMM]   (prints the figures; exit 1 if missed)
cd "$(dirname "$0")/.." || exit 1
Z=${1:-build/bin/zcmm}
T=$(mktemp -d "${TMPDIR:-/tmp}/zcmm-balloon.XXXXXX")
trap 'rm -rf "$T"' EXIT
miss=0

tot() { # tot FILE KEY: the total record's KEY
	awk -F'\t' -v key="$2" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		$1 == "total" { print $c[key]; exit }' "$1"
}
swapins() { # the guests' swap-ins, summed from their console lines
	grep -o 'swap: .*swapins=[0-9]*' "$1" | sed 's/.*swapins=//' |
		awk '{ s += $1 } END { print s + 0 }'
}

"$Z" run --quiet --storage 12M --guests 6 --guest-mem 2M --workload phases \
	--ws 400 --min 40 --phases 12 --iters 6 --policy balloon+hinting \
	--results "$T/settle.tsv" --timeout 600 >"$T/settle.out" 2>&1 ||
	{ echo "settling run failed"; tail -5 "$T/settle.out"; exit 1; }
n=$(tot "$T/settle.tsv" settled) avg=$(tot "$T/settle.tsv" settle_avg_x10)
max=$(tot "$T/settle.tsv" settle_max) ppm=$(tot "$T/settle.tsv" wss_cost_ppm)
printf 'settling: %s goal moves, %d.%d periods on average, %s at most (target <= 5)\n' \
	"$n" $((avg / 10)) $((avg % 10)) "$max"
[ "$max" -le 5 ] || miss=1
printf 'sampling cost (phases fleet): %s ppm = %d.%02d%% of the run (target < 1%%)\n' \
	"$ppm" $((ppm / 10000)) $((ppm / 100 % 100))
[ "$ppm" -lt 10000 ] || miss=1

for p in hinting balloon+hinting; do
	"$Z" run --quiet --storage 12M --guests 4 --guest-mem 2M --workload anon \
		--iters 2 --policy $p --results "$T/anon-$p.tsv" --timeout 600 \
		>"$T/anon-$p.out" 2>&1 ||
		{ echo "anon run ($p) failed"; tail -5 "$T/anon-$p.out"; exit 1; }
	s=$(swapins "$T/anon-$p.out") us=$(tot "$T/anon-$p.tsv" guest_us)
	eval "swaps_${p%%+*}=$s"
	printf 'anon fleet, %-15s: %s guest swap-ins in %d.%d s = %s/s, balloon %s pages released, cost %s ppm\n' \
		"$p" "$s" $((us / 1000000)) $((us / 100000 % 10)) \
		$((s * 1000000 / (us ? us : 1))) "$(tot "$T/anon-$p.tsv" released)" \
		"$(tot "$T/anon-$p.tsv" wss_cost_ppm)"
done
bound=$((swaps_hinting * 5 / 4 + 20))
printf 'swap storm bound: ballooned %s swap-ins <= %s (1.25 x %s + 20)\n' \
	"$swaps_balloon" "$bound" "$swaps_hinting"
[ "$swaps_balloon" -le "$bound" ] || miss=1
exit $miss
