#!/bin/bash
# fleet-guests.t - guests that break the rules get the program exception
# a real machine gives and the rest of the fleet is unaffected; a guest
# written outside the project from docs/guest-abi.md runs; a guest that
# loops forever is preempted and does not keep the others from finishing.
source "$(dirname "$0")/tap.sh"

cat >"$T/fleet.conf" <<CONF
guest good count=3 workload=random
guest hello image=$G/hello.elf workload=none
guest badcode image=$G/expect.elf workload=none iters=1
guest badaddr image=$G/expect.elf workload=none iters=2
guest badlen image=$G/expect.elf workload=none iters=3
guest problem image=$G/expect.elf workload=none iters=4
guest sck image=$G/expect.elf workload=none iters=5
guest badop image=$G/expect.elf workload=none iters=6
guest badparm image=$G/expect.elf workload=none iters=7
CONF
zrun --timeout 120 "$T/fleet.conf"
[ $status = 1 ]
ok $? "the fleet reports the failed guests (exit $status)"
expect() { # name status what
	local id
	id=$(awk -F'\t' -v n="$1" '$3 == n { print $2 }' "$T/res")
	[ -n "$id" ] && [ "$(field "$id" status)" = "$2" ]
	ok $? "$1: $3 (status $(field "$id" status), want $2)"
}
expect badcode 6 "unknown hypercall code: specification exception"
expect badaddr 5 "console text outside storage: addressing exception"
expect badlen 6 "console write of length 0: specification exception"
expect problem 2 "DIAG in problem state: privileged-operation exception"
expect sck 1 "SCK, not offered: operation exception"
expect badop 1 "an opcode no machine has: operation exception"
expect badparm 6 "misaligned parameter buffer: specification exception"
expect good0 0 "a good guest beside them finishes"
expect good1 0 "a second good guest finishes"
expect good2 0 "a third good guest finishes"
expect hello 0 "a guest written from the ABI document alone exits 0"
grep -q '^\[hello\] hello from a guest built outside zcmm, I am hello$' "$T/out"
ok $? "its console line arrives"
[ "$(field all frames_leaked)" = 0 ]
ok $? "no frame leaked"

cat >"$T/loop.conf" <<CONF
guest looper image=$G/loop.elf workload=none
guest busy count=4 workload=random iters=3000
CONF
zrun --duration 10 --timeslice 2 --timeout 120 "$T/loop.conf"
ok $status "a fleet with a looping guest ends at its duration (exit $status)"
id=$(awk -F'\t' '$3 == "looper" { print $2 }' "$T/res")
[ "$(field "$id" end)" = time-limit ]
ok $? "the looping guest was still running at the end"
[ "$(field "$id" sie)" -gt 10 ]
ok $? "the time slice preempted it ($(field "$id" sie) SIE entries)"
for i in 0 1 2 3; do
	id=$(awk -F'\t' -v n="busy$i" '$3 == n { print $2 }' "$T/res")
	[ "$(field "$id" end)" = exit ] && [ "$(field "$id" status)" = 0 ]
	ok $? "busy$i finished beside it"
done
done_testing
