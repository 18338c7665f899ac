#!/bin/bash
# vdisk-doublepaging.t - double paging counted: guests whose anonymous
# working sets outgrow their storage swap to their private disks while
# the host, short of frames itself, pages the same guests out; a guest
# disk write of a page the host had paged out forces a host page-in
# first and is counted (double_paging), per guest and in total.
source "$(dirname "$0")/tap.sh"
# a failed run's last lines, as TAP comments
why() { [ "$status" = 0 ] || tail -5 "$T/out" | sed 's/^/# /'; }

if ! command -v dasdinit >/dev/null 2>&1; then
	echo "1..0 # SKIP no dasdinit (Debian package hercules)"
	exit 0
fi
# four 2 MiB guests, anonymous sets 1.5 x their storage, ~5 MiB of frames
zrun --guests 4 --guest-mem 2M --storage 13M --workload anon --phases 4 --iters 1 --timeout 300
why
ok $status "every guest exits 0, every page verified through both pagers (got $status)"
dp=$(field all double_paging)
dw=$(field all disk_writes)
[ "$(field all pageouts)" -gt 0 ] && [ "$dw" -gt 0 ]
ok $? "both page: the host $(field all pageouts) page-outs, the guests $dw swap writes"
[ "$dp" -gt 0 ] && [ "$dp" -le "$dw" ]
ok $? "double paging happens and is counted: $dp of $dw guest disk writes"
# once per page: each counted page needed a page-in of its own (a DIAG
# run again while it arrives does not count it twice)
[ "$dp" -le "$(field all pageins)" ]
ok $? "double paging counted once per page: $dp <= $(field all pageins) page-ins"
sum=0
for i in 0 1 2 3; do sum=$((sum + $(field $i double_paging))); done
[ "$sum" = "$dp" ]
ok $? "the total is the sum of the guests' counts ($sum)"
[ "$(field all io_wait_us)" -gt 0 ]
ok $? "guests waited for host I/O ($(field all io_wait_us) us in all)"
[ "$(field all frames_leaked)" = 0 ]
ok $? "no frame leaked"
done_testing
