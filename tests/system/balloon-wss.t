#!/bin/bash
# balloon-wss.t - working-set estimation by sampling: a guest touching a
# known working set (random workload, uniform over --ws pages, plus its
# kernel's own pages: together every page it holds a frame for, with no
# host pressure) is estimated within 15% of it on average after a few
# periods, and each estimate within 30% (a sample of 64 pages is
# noisy: one run in about fifty had an estimate 21% low), for two sizes;
# the sampler's cost stays under 1% of the run; sampled pages never leak.
source "$(dirname "$0")/tap.sh"

for ws in 300 120; do
	zrun --guests 1 --guest-mem 2M --workload random --ws $ws --iters 80000 \
		--wss-sample 64 --wss-period 250 --timeout 120
	ok $status "random over $ws pages, sampled every 250 ms, exits 0 (got $status)"
	# every estimate from the 4th period on, while the set is in use,
	# against the pages the guest holds frames for (all touched, all in use)
	pairs=$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		$1 == "bsample" && $c["guest"] == "0" { n++; if (n >= 4) print $c["estimate"] "/" $c["frames"] }' "$T/res" |
		head -n -1 | tr '\n' ' ')
	bad=$(for p in $pairs; do
		e=${p%/*} f=${p#*/}
		[ $((e * 100)) -ge $((f * 70)) ] && [ $((e * 100)) -le $((f * 130)) ] || echo "$p"
	done)
	# the estimates against the frames, summed: the mean ratio x 100
	mean=$(echo "$pairs" | tr ' /' '\n ' | awk 'NF == 2 { e += $1; f += $2 } END { print f ? int(e * 100 / f) : 0 }')
	[ -n "$pairs" ] && [ -z "$bad" ] && [ "$mean" -ge 85 ] && [ "$mean" -le 115 ]
	ok $? "ws $ws: estimate/touched after 3 periods: $mean% on average (85-115), each within 30% ($pairs)"
	[ "$(field all wss_cost_ppm)" -lt 10000 ]
	ok $? "ws $ws: sampling cost $(field all wss_cost_ppm) ppm of the run (< 1%)"
	[ "$(field all frames_leaked)" = 0 ]
	ok $? "ws $ws: no frame leaked"
done
done_testing
