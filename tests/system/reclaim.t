#!/bin/bash
# reclaim.t - the one reclaim clock: with only stable pages a run looks at
# each page at most twice and takes every unpinned one; a page pinned for
# host I/O is never taken; under `none` the clock sees referenced pages
# (clock_referenced > 0: its reference bits are not reset by a second
# sweep) and looks at each frame once a lap of its hand; a guest that
# ended gives its storage back without I/O.
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
# short ends while long, whose set does not fit beside short's, runs on:
# short's storage goes to long without a page-out (before, the clock
# paged the pages of a guest that had ended out)
printf '%s\n' "guest short mem=2M workload=random ws=500 iters=3000" \
	"guest long mem=3M workload=random ws=700 iters=30000" >"$T/e.conf"
zrun --policy none --storage 9M --progress 250 "$T/e.conf" --timeout 120
ok $status "a guest that ends beside one that needs its storage: both exit 0 (got $status)"
[ "$(field all reclaim_ended)" -ge 100 ] && [ "$(field all reclaim_discarded)" = 0 ]
ok $? "the clock took $(field all reclaim_ended) pages of the guest that ended without I/O (at least 100)"
# short's samples once it ended: frames taken by a mechanism stay put
after=$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$1 == "asample" && $c["guest"] == 0 && $c["running"] == 0 { print $c["taken"] }' "$T/res" | sort -u)
[ -n "$after" ] && [ "$(echo "$after" | wc -l)" = 1 ]
ok $? "nothing paged out or discarded from it after it ended (its taken counts: $(echo $after))"
[ "$(field all frames_leaked)" = 0 ]
ok $? "no frame leaked"
done_testing
