#!/bin/bash
# unservable.t - the last resort of share-based allocation (docs/shares.md):
# a paging volume dead from the start leaves too few slots for three
# guests that write every page of 2 MiB. With `unservable stop` guests
# that cannot get a frame stop, their storage lost; with `unservable halt`
# the host halts one and pushes its storage out whole to the paging
# volumes, counted, the other two finish, then the halted one runs again,
# pages its storage back in and finishes: all verify every page. No
# volume lost: nobody is halted.
source "$(dirname "$0")/tap.sh"

cat >"$T/fleet.conf" <<CONF
guest w count=3 mem=2M workload=random ws=480 iters=1500 hinting=off
CONF
lose() { zrun --storage 7M --paging-volumes 4 --paging-size 1664K \
	--test-io-errors 1@0201 --timeout 120 "$T/fleet.conf" "$@"; }
# the guests that were halted
halted_ids() {
	awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		$1 == "guest" && $c["halted"] == 1 { printf "%s ", $2 }' "$T/res"
}

lose --unservable halt
[ $status = 1 ] && grep -q '^1 DASD volume(s) taken offline: the run failed$' "$T/out"
ok $? "halt: the lost volume fails the run, saying so (exit $status)"
H=$(halted_ids) nh=$(echo $H | wc -w)
# one, two if the volume went offline late (slots were taken by then)
[ "$nh" -ge 1 ] && [ "$nh" -le 2 ] && [ "$(field all halted)" = "$nh" ] &&
	[ "$(field all unservable)" = halt ]
ok $? "a guest was halted (guest ${H:-none}; $(field all halted) in total)"
said=0 pushed=0 whole=0 sum=0
for h in $H; do
	grep -q "^guest w$h stopped: halted, its storage pushed out to the paging volumes (unservable halt)$" "$T/out" &&
		said=$((said + 1))
	po=$(field $h halt_pageouts)
	[ "$po" -gt 50 ] && [ "$(field $h pageouts)" -ge "$po" ] && pushed=$((pushed + 1))
	[ "$(field $h halt_kept)" -le 2 ] && whole=$((whole + 1))
	sum=$((sum + po))
done
[ $said = "$nh" ]
ok $? "the console says which and why"
[ $pushed = "$nh" ] && [ "$(field all halt_pageouts)" = $sum ]
ok $? "its storage went out through the pager: $sum pages pushed out"
[ $whole = "$nh" ]
ok $? "it was pushed out whole: $(for h in $H; do field $h halt_kept; done | tr '\n' ' ')pages kept resident (the prefix pages)"
# the guests' "done" lines and the resumes, in the order they came
order=$(grep -o -e '^\[w[0-9]\] done:' -e '^guest w[0-9] resumed: no other guest runs' "$T/out" |
	sed 's/^\[\(w[0-9]\)\] done:/\1/; s/^guest \(w[0-9]\) resumed.*/resumed-\1/' | tr '\n' ' ')
first=$(echo "$order" | tr ' ' '\n' | grep -n '^resumed' | head -1 | cut -d: -f1)
[ "$(echo "$order" | wc -w)" = $((3 + nh)) ] && [ "$first" = $((4 - nh)) ] &&
	[ "$(field all resumed)" = "$nh" ]
ok $? "the others finished first, then it resumed and finished ($order)"
done3=0
for g in 0 1 2; do
	[ "$(field $g status)" = 0 ] && [ "$(field $g end)" = exit ] &&
		[ "$(field $g work)" = 1500 ] && done3=$((done3 + 1))
done
[ $done3 = 3 ] && [ "$(field all failed)" = 0 ]
ok $? "all three ran to the end and verified every page, the halted after they resumed ($done3, $(field all failed) failed)"
in=0
for h in $H; do [ "$(field $h pageins)" -ge "$(field $h halt_pageouts)" ] && in=$((in + 1)); done
[ $in = "$nh" ] && [ "$(field all checksum_errors)" = 0 ]
ok $? "its pages came back by page-in, checksums right ($(for h in $H; do field $h pageins; done | tr '\n' ' ')page-ins)"
[ "$(field all frames_leaked)" = 0 ]
ok $? "no frame leaked"

# (a --duration must not keep guests that wait for storage nobody can
# free waiting until it ends)
lose --unservable stop --duration 100
[ $status = 1 ] && [ "$(field all halted)" = 0 ] && [ "$(field all unservable)" = stop ]
ok $? "stop: nobody halted (exit $status, $(field all halted) halted)"
[ "$(field all failed)" -ge 1 ] &&
	grep -Eq '^guest w[0-9] stopped: paging space exhausted$' "$T/out" &&
	grep -Eq '^pager: the paging volumes are full \(1664 slots, [1-9][0-9]* of them retired on volumes offline\)$' "$T/out"
ok $? "guests that cannot get a frame stop at once, --duration 100 or not, their storage lost ($(field all failed) failed, $(field all guest_us) us)"

zrun --storage 7M --paging-volumes 4 --unservable halt --timeout 120 "$T/fleet.conf"
[ $status = 0 ] && [ "$(field all halted)" = 0 ] && [ "$(field all failed)" = 0 ] &&
	[ "$(field all pageouts)" -gt 500 ]
ok $? "halt, no volume lost: nobody halted under paging ($(field all pageouts) page-outs; exit $status)"

"$Z" run --unservable kill --dry-run "$T/fleet.conf" >"$T/err" 2>&1
[ $? = 2 ] && grep -q -- "--unservable kill: expected stop or halt" "$T/err"
ok $? "a bad value is refused: $(head -1 "$T/err")"
done_testing
