#!/bin/bash
# wait-never.t - a guest in an enabled wait that nothing can end (clock
# comparator at "never", no subclass enabled, CPU timer at its largest) is
# stopped at once with a reason saying so; the guests beside it finish and
# the run ends with results instead of hanging until its timeout.
source "$(dirname "$0")/tap.sh"

cat >"$T/fleet.conf" <<CONF
guest ccnever image=$G/nowake.elf workload=none iters=1
guest nosource image=$G/nowake.elf workload=none iters=2
guest cptnever image=$G/nowake.elf workload=none iters=3
guest ccsoon image=$G/nowake.elf workload=none iters=4
guest good count=2 workload=random iters=2000
CONF
zrun --timeout 90 "$T/fleet.conf"
[ $status = 1 ]
ok $? "the run ends with the stopped guests as failures, not at its timeout (exit $status)"
[ "$(field all guests)" = 6 ]
ok $? "the results table has all six guests"
expect() { # name status reason
	local id
	id=$(awk -F'\t' -v n="$1" '$3 == n { print $2 }' "$T/res")
	[ -n "$id" ] && [ "$(field "$id" status)" = "$2" ] &&
		{ [ -z "$3" ] || grep -q "^guest $1 stopped: $3" "$T/out"; }
	ok $? "$1: status $(field "$id" status), want $2${3:+, reason '$3'}"
}
expect ccnever 512 "enabled wait that can never end"
expect nosource 512 "enabled wait with no wake-up source enabled"
expect cptnever 512 "enabled wait that can never end"
expect ccsoon 0 ""
expect good0 0 ""
expect good1 0 ""
done_testing
