#!/bin/bash
# fleet-200.t - 200 guests of 1 MiB with mixed workloads all finish with
# every pattern verified, and every frame is back in the allocator.
source "$(dirname "$0")/tap.sh"

cat >"$T/fleet.conf" <<CONF
# 200 guests, 50 of each workload
guest idle count=50 mem=1M workload=idle ms=200
guest churn count=50 mem=1M workload=churn
guest phases count=50 mem=1M workload=phases
guest random count=50 mem=1M workload=random
CONF
zrun --timeout 600 "$T/fleet.conf"
ok $status "the fleet exits 0 (got $status)"
[ "$(field all guests)" = 200 ] && [ "$(field all failed)" = 0 ]
ok $? "200 guests ran, none failed"
bad=$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$1 == "guest" && ($c["status"] != 0 || $c["end"] != "exit")' "$T/res" | wc -l)
[ -s "$T/res" ] && [ "$bad" = 0 ]
ok $? "every guest exited by itself with status 0 ($bad did not)"
nowork=$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$1 == "guest" && $c["work"] == 0' "$T/res" | wc -l)
[ -s "$T/res" ] && [ "$nowork" = 0 ]
ok $? "every guest reported work ($nowork did not)"
[ "$(field all frames_leaked)" = 0 ]
ok $? "every frame is back in the allocator after the guests are torn down"
[ "$(field all touched)" -gt 200 ]
ok $? "guests touched pages: first touches are host faults ($(field all faults))"
! grep -qi 'mismatch' "$T/out"
ok $? "no pattern mismatch reported"
done_testing
