#!/bin/bash
# pager.t - host paging to the paging volumes: a fleet whose touched
# storage is about twice the host's frames runs to completion with every
# page verified; a paging device too small for the fleet is refused.
source "$(dirname "$0")/tap.sh"

# 12 guests touch ~2600 pages; 11 MiB of storage leaves ~1100 frames
zrun --storage 11M --paging-volumes 4 --guests 12 --workload random \
	--ws 200 --iters 600 --hinting off --timeout 300
ok $status "an overcommitted fleet exits 0 (got $status)"
[ "$(field all failed)" = 0 ]
ok $? "every guest verified every page it wrote"
touched=$(field all touched)
free=$(sed -n 's/^running .* \([0-9]*\) frames free$/\1/p' "$T/out")
[ -n "$free" ] && [ "$touched" -ge $((free * 2)) ]
ok $? "touched storage ($touched pages) is at least twice the frames ($free)"
[ "$(field all pageouts)" -gt 0 ] && [ "$(field all pageins)" -gt 0 ]
ok $? "pages went out and came back ($(field all pageouts) out, $(field all pageins) in)"
[ "$(field all checksum_errors)" = 0 ] && [ "$(field all pager_io_errors)" = 0 ]
ok $? "every page-in verified its checksum, no I/O error"
[ "$(field all io_max_inflight)" -ge 4 ]
ok $? "four paging I/Os in flight at once ($(field all io_max_inflight))"
[ "$(field all frames_leaked)" = 0 ]
ok $? "no frame leaked"
[ "$(field all io_wait_us)" -gt 0 ]
ok $? "guests waited for page-ins ($(field all io_wait_us) us) while others ran"

zrun --storage 8M --paging-volumes 1 --paging-size 1M --guests 12 --timeout 60
[ $status = 2 ]
ok $? "a paging device too small for the fleet: refused, exit 2 (got $status)"
grep -q '^zcmm: admission: guest g[0-9]* does not fit: .* paging space' "$T/out"
ok $? "with a clear message: $(grep admission "$T/out")"
# a page that comes back from the paging volume different from what went
# out is caught by its checksum: the guest is stopped, never fed it
zrun --test-hooks --paging-volumes 1 --guests 1 --image "$G/pageout.elf" \
	--workload none --timeout 60
ok $status "a page goes out and comes back intact (exit $status)"
zrun --test-hooks --test-corrupt-slot --paging-volumes 1 --guests 1 \
	--image "$G/pageout.elf" --workload none --timeout 60
[ $status = 1 ] && [ "$(field all checksum_errors)" = 1 ]
ok $? "a damaged slot is caught by the page-in checksum (exit $status)"
grep -q '^pager: CHECKSUM MISMATCH on page-in of guest g0 page 48' "$T/out" &&
	grep -q '^guest g0 stopped: page-in checksum mismatch' "$T/out"
ok $? "loudly, and the guest is stopped"
done_testing
