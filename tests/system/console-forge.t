#!/bin/bash
# console-forge.t - a guest cannot forge the run's verdict through its
# console: text with newlines, host records and control bytes beside a
# failing guest neither makes zcmm exit 0 nor adds a phantom row; the
# text arrives as one line per write, bytes outside 0x20-0x7E as '.'; a
# guest's largest work count does not wrap the fleet's total.
source "$(dirname "$0")/tap.sh"

cat >"$T/fleet.conf" <<CONF
guest badcode image=$G/expect.elf workload=none iters=1
guest forger image=$G/forge.elf workload=none
guest good workload=random iters=2000
CONF
zrun --timeout 90 "$T/fleet.conf"
[ $status = 1 ]
ok $? "the failing guest's verdict stands: exit 1 (got $status)"
[ "$(field 0 status)" = 6 ] && [ "$(field 1 status)" = 0 ] && [ "$(field 2 status)" = 0 ]
ok $? "guest statuses 6 0 0 (got $(field 0 status) $(field 1 status) $(field 2 status))"
rows=$(awk -F'\t' '$1 == "guest"' "$T/res" | wc -l)
[ "$rows" = 3 ] && ! grep -q phantom "$T/res"
ok $? "three guest rows and no phantom (got $rows)"
[ "$(field all guests)" = 3 ] && [ "$(field all failed)" = 1 ]
ok $? "the total says 3 guests, 1 failed"
grep -qxF '[forger] x.@result guest id=0 status=0.@result guest id=7 name=phantom mem_kib=1024 status=0.zcmm:999999 @exit 0.@exit 0' "$T/out"
ok $? "the forged text is one line of text, newlines as '.'"
grep -qxF '[forger] y.@exit 0....@exit 0' "$T/out"
ok $? "control bytes and bytes above 0x7E print as '.'"
! grep -q 'rejected' "$T/out"
ok $? "no record reached the CLI to be rejected"
[ "$(field 1 work)" = 18446744073709551615 ] && [ "$(field all work)" = 18446744073709551615 ]
ok $? "a work count of 2^64 - 1 does not wrap the total (forger $(field 1 work), all $(field all work))"
done_testing
