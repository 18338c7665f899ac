#!/bin/bash
# balloon-policy.t - the four memory policies on the same overcommitted
# file-serving fleet (6 guests of 2 MiB, 12 MiB of storage: about 1440
# frames for 3072 guest pages): every run completes with every page
# verified; the balloon policies balloon and count their sampling; none
# and balloon run without ESSA, the hinting policies with it.
source "$(dirname "$0")/tap.sh"

if ! command -v dasdinit >/dev/null 2>&1; then
	echo "1..0 # SKIP no dasdinit (Debian package hercules)"
	exit 0
fi
for p in none hinting balloon balloon+hinting; do
	zrun --storage 12M --guests 6 --guest-mem 2M --workload fileserve \
		--iters 1500 --policy $p --wss-period 250 --timeout 300
	ok $status "policy $p: the fleet exits 0, every page verified (got $status)"
	[ "$(field all failed)" = 0 ] && [ "$(field all frames_leaked)" = 0 ]
	ok $? "policy $p: no guest failed, no frame leaked"
	taken=$(( $(field all pageouts) + $(field all discard_u) + $(field all discard_v) + $(field all discard_p) + $(field all released) ))
	[ "$taken" -gt 0 ]
	ok $? "policy $p: the host took frames back ($(field all pageouts) page-outs, $taken pages in all)"
	essa=$(field all essa_volatile)
	case $p in
	none|balloon) [ "$essa" = 0 ] ;;
	*) [ "$essa" -gt 0 ] ;;
	esac
	ok $? "policy $p: ESSA volatile hints: $essa"
	rel=$(field all released)
	case $p in
	none|hinting) [ "$rel" = 0 ] && [ "$(field all wss_periods)" = 0 ] ;;
	*) [ "$rel" -gt 0 ] && [ "$(field all wss_periods)" -gt 0 ] &&
		[ "$(field all wss_cost_ppm)" -lt 10000 ] ;;
	esac
	ok $? "policy $p: $rel pages ballooned, sampling cost $(field all wss_cost_ppm) ppm"
	echo "# $p: pageouts=$(field all pageouts) pageins=$(field all pageins) disk_reads=$(field all disk_reads) discard_v=$(field all discard_v) released=$rel guest_us=$(field all guest_us)"
done
done_testing
