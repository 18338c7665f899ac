#!/bin/bash
# io-faults.t - injected I/O errors (--test-io-errors: the device itself
# rejects the request with unit check and sense) run the host's error
# paths: errors that pass are retried and every page still verifies; a
# volume that keeps failing is taken offline after a bounded number of
# I/Os and its paging slots are no longer used, the guests whose data it
# held fail with a reason, and the run fails, saying so; the host never
# panics or leaks a frame.
source "$(dirname "$0")/tap.sh"

cat >"$T/fleet.conf" <<CONF
guest r count=6 workload=random ws=200 iters=300 hinting=off
guest a mem=2M workload=anon phases=2 iters=1
CONF

zrun --storage 8M --test-io-errors 4 --timeout 200 "$T/fleet.conf"
ok $status "every 4th I/O of every volume fails once: exit 0 (got $status)"
[ "$(field all failed)" = 0 ] && [ "$(field all checksum_errors)" = 0 ]
ok $? "every guest verified every page (failed $(field all failed))"
inj=$(field all io_injected)
[ "$inj" -gt 100 ] && [ "$(field all io_retries)" = "$inj" ] && [ "$(field all io_failed)" = 0 ]
ok $? "$inj faults injected, each retried, none failed ($(field all io_retries) retries, $(field all io_failed) failed)"
[ "$(field all pageouts)" -gt 0 ] && [ "$(field all disk_writes)" -gt 0 ]
ok $? "paging ($(field all pageouts) page-outs) and guest disk I/O ($(field all disk_writes) writes) both ran"

zrun --storage 8M --test-io-errors 1@0300+20 --timeout 200 "$T/fleet.conf"
[ $status = 1 ]
ok $? "a guest disk volume that fails every I/O after 20: exit 1 (got $status)"
grep -q '^dasd 0300: 4 requests in a row failed (last: unit check, sense 80): taken offline$' "$T/out"
ok $? "the volume is taken offline, with the device's sense"
[ "$(field all io_injected)" = 16 ] && [ "$(field all io_offline)" = 1 ]
ok $? "after 4 requests of 4 tries each ($(field all io_injected) injected)"
[ "$(field 6 status)" != 0 ] && [ "$(field all failed)" = 1 ]
ok $? "the guest using it fails (status $(field 6 status)), the others verify"
[ "$(field all frames_leaked)" = 0 ]
ok $? "no frame leaked (the failed requests' pages unpinned)"

zrun --storage 8M --test-io-errors 1@0201+300 --timeout 200 "$T/fleet.conf"
[ $status = 1 ]
ok $? "a paging volume that fails every I/O after 300: exit 1 (got $status)"
grep -q '^dasd 0201: .* taken offline$' "$T/out"
ok $? "the paging volume is taken offline"
grep -q '^guest .* stopped: a page of it was on a paging volume that failed$' "$T/out" &&
	[ "$(field all failed)" -ge 1 ]
ok $? "guests whose pages it held are stopped at once, with the reason ($(field all failed) failed)"
[ "$(field all checksum_errors)" = 0 ] && [ "$(field all frames_leaked)" = 0 ]
ok $? "no guest was fed bad data, no frame leaked"
[ "$(field all pager_io_errors)" -lt 100 ]
ok $? "$(field all pager_io_errors) paging I/O errors, not thousands"

zrun --storage 8M --test-io-errors 1@0201 --timeout 200 "$T/fleet.conf"
[ $status = 1 ] && grep -q '^1 DASD volume(s) taken offline: the run failed$' "$T/out"
ok $? "a paging volume dead from the start: the run fails, saying so (exit $status)"
[ "$(field all failed)" = 0 ] && [ "$(field all pager_io_errors)" -lt 100 ] &&
	[ "$(field all pageouts)" -gt 0 ] && [ "$(field all pager_retired)" -gt 0 ]
ok $? "its slots are retired ($(field all pager_retired)), the others take the paging ($(field all pager_io_errors) I/O errors), every guest verifies"
# the only paging volume dead: guests that need a frame stop, saying why
zrun --storage 8M --paging-volumes 1 --test-io-errors 1@0200 --timeout 200 "$T/fleet.conf"
[ $status = 1 ] && grep -q '^guest .* stopped: paging space exhausted$' "$T/out"
ok $? "no paging volume left: guests stopped with 'paging space exhausted' (exit $status)"
[ "$(field all frames_leaked)" = 0 ] && ! grep -q '^panic' "$T/out"
ok $? "no panic, no frame leaked"
done_testing
