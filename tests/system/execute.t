#!/bin/bash
# execute.t - hypercalls and ESSA as targets of EX and EXRL do what they do
# when run directly; their program interruptions carry the EXECUTE's ILC
# and an old PSW past it; a DIAG 0x410 under EXRL that must wait for a
# page-in runs again from the EXRL (tests/guests/execute.c checks, from
# inside the guest, one PASS/FAIL line a check).
source "$(dirname "$0")/tap.sh"

cat >"$T/fleet.conf" <<CONF
guest ex image=$G/execute.elf workload=disktest
guest good workload=random iters=2000
CONF
zrun --test-hooks --timeout 90 "$T/fleet.conf"
ok $status "the run exits 0 (got $status)"
guest_checks ex 19
done_testing
