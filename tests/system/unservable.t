#!/bin/bash
# unservable.t - the last resort of share-based allocation (docs/shares.md):
# a paging volume dead from the start leaves too few slots for three
# guests that write every page of 2 MiB. With `unservable stop` guests
# that cannot get a frame stop, their storage lost; with `unservable halt`
# the host halts one and pushes its storage out whole to the paging
# volumes, counted, and the other two finish and verify every page. No
# volume lost: nobody is halted.
source "$(dirname "$0")/tap.sh"

cat >"$T/fleet.conf" <<CONF
guest w count=3 mem=2M workload=random ws=480 iters=1500 hinting=off
CONF
lose() { zrun --storage 7M --paging-volumes 4 --paging-size 1664K \
	--test-io-errors 1@0201 --timeout 120 "$T/fleet.conf" "$@"; }
# the guest that ended halted, or nothing
halted_id() {
	awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		$1 == "guest" && $c["end"] == "halted" { print $2 }' "$T/res"
}

lose --unservable halt
[ $status = 1 ] && grep -q '^1 DASD volume(s) taken offline: the run failed$' "$T/out"
ok $? "halt: the lost volume fails the run, saying so (exit $status)"
h=$(halted_id)
[ "$(field all halted)" = 1 ] && [ -n "$h" ] && [ "$(field "$h" halted)" = 1 ] &&
	[ "$(field "$h" status)" = 1024 ] && [ "$(field all unservable)" = halt ]
ok $? "one guest was halted (guest ${h:-none}, $(field all halted) in total, status $(field "${h:-x}" status))"
grep -q "^guest w$h stopped: halted, its storage pushed out to the paging volumes (unservable halt)$" "$T/out"
ok $? "the console says which and why"
po=$(field "$h" halt_pageouts) out=$(field "$h" pageouts)
[ "${po:-0}" -gt 50 ] && [ "$out" -ge "$po" ] && [ "$(field all halt_pageouts)" = "$po" ]
ok $? "its storage went out through the pager: $po pages pushed out ($out page-outs of it completed)"
[ "$(field "$h" halt_frames)" -le 2 ]
ok $? "it was pushed out whole: $(field "$h" halt_frames) frames left (the prefix pages)"
others=0
for g in 0 1 2; do
	[ "$g" = "$h" ] && continue
	[ "$(field $g status)" = 0 ] && [ "$(field $g end)" = exit ] &&
		[ "$(field $g work)" = 1500 ] && others=$((others + 1))
done
[ $others = 2 ] && [ "$(field all failed)" = 0 ]
ok $? "the other two ran to the end and verified every page ($others, $(field all failed) failed)"
[ "$(field all checksum_errors)" = 0 ] && [ "$(field all frames_leaked)" = 0 ]
ok $? "no checksum error, no frame leaked"

lose --unservable stop
[ $status = 1 ] && [ "$(field all halted)" = 0 ] && [ "$(field all unservable)" = stop ]
ok $? "stop: nobody halted (exit $status, $(field all halted) halted)"
[ "$(field all failed)" -ge 1 ] &&
	grep -Eq '^guest w[0-9] stopped: (paging space exhausted|out of host storage)$' "$T/out"
ok $? "guests that cannot get a frame stop, their storage lost ($(field all failed) failed)"

zrun --storage 7M --paging-volumes 4 --unservable halt --timeout 120 "$T/fleet.conf"
[ $status = 0 ] && [ "$(field all halted)" = 0 ] && [ "$(field all failed)" = 0 ] &&
	[ "$(field all pageouts)" -gt 500 ]
ok $? "halt, no volume lost: nobody halted under paging ($(field all pageouts) page-outs; exit $status)"

"$Z" run --unservable kill --dry-run "$T/fleet.conf" >"$T/err" 2>&1
[ $? = 2 ] && grep -q -- "--unservable kill: expected stop or halt" "$T/err"
ok $? "a bad value is refused: $(head -1 "$T/err")"
done_testing
