#!/bin/bash
# reclaim.t - the one reclaim clock: with only stable pages a run looks at
# each page at most twice and takes every unpinned one; a page pinned for
# host I/O is never taken; under `none` the clock sees referenced pages
# (clock_referenced > 0: its reference bits are not reset by a second
# sweep) and looks at each frame once a lap of its hand.
source "$(dirname "$0")/tap.sh"

zrun --test-hooks --paging-volumes 1 --guests 1 --image "$G/clock.elf" \
	--workload none --timeout 60
ok $status "the clock test guest exits 0 (got $status)"
selftest_tap <(sed -n 's/^\[g0\] //p' "$T/out")
grep '^\[g0\] clock:' "$T/out" | sed 's/^/# /'

zrun --policy none --storage 12M --paging-volumes 2 --guests 4 \
	--guest-mem 2M --workload random --ws 400 --iters 800 --timeout 300
ok $status "an overcommitted fleet under none exits 0 (got $status)"
looked=$(field all reclaim_looked)
out=$(field all reclaim_paged_out)
frames=$(sed -n 's/^running .* \([0-9]*\) frames free$/\1/p' "$T/out")
[ "$(field all clock_referenced)" -gt 0 ]
ok $? "the clock gave referenced pages a second chance ($(field all clock_referenced))"
laps=$(($(field all reclaim_wraps) + 1))
[ "$out" -gt 0 ] && [ "$looked" -le $((laps * frames)) ]
ok $? "one look per frame a lap: looked at $looked <= $laps laps x $frames frames ($out paged out)"
[ "$(field all reclaim_discarded)" = 0 ]
ok $? "nothing dropped without I/O under none"
[ "$(field all frames_leaked)" = 0 ] && [ "$(field all failed)" = 0 ]
ok $? "every page verified, no frame leaked"
done_testing
