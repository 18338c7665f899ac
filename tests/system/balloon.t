#!/bin/bash
# balloon.t - the balloon end to end: DIAG 0x10's checks from inside a
# guest; a guest told to inflate gives pages (and their frames) to the
# host and deflates when told; a target past its floor is refused
# safely; a guest that runs out of pages while inflated takes them back
# and finishes. Targets are fixed by the run (--balloon-target) here;
# balloon-wss.t and balloon-policy.t test the estimates and policies.
source "$(dirname "$0")/tap.sh"

gfield() { # guest 0's value of KEY
	awk -F'\t' -v key="$1" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		$1 == "guest" && $2 == "0" { print $c[key]; exit }' "$T/res"
}

zrun --guests 1 --image "$G/release.elf" --workload none --timeout 60
ok $status "the DIAG 0x10 guest exits 0 (got $status)"
sed -n 's/^\[g0\] //p' "$T/out" >"$T/rel"
selftest_tap "$T/rel"
[ "$(field all released)" = 4 ] && [ "$(field all released_frames)" = 3 ]
ok $? "4 pages released, the 3 that had frames freed them ($(field all released_frames))"

# inflate to 300 pages, deflate to 0 after one second
zrun --guests 1 --guest-mem 2M --workload idle --ms 2500 --policy balloon \
	--balloon-target 300,0@1 --wss-period 200 --timeout 120
ok $status "an idle guest told to inflate, then deflate, exits 0 (got $status)"
[ "$(gfield inflated)" = 300 ] && [ "$(gfield deflated)" = 300 ] &&
	[ "$(gfield balloon_pages)" = 0 ]
ok $? "it reported 300 pages in, 300 out, 0 held at the end"
[ "$(field all released)" -ge 300 ]
ok $? "300 pages came to the host by DIAG 0x10 ($(field all released))"
sizes=$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$1 == "bsample" && $c["guest"] == "0" { print $c["size"] }' "$T/res" | uniq | tr '\n' ' ')
case "$sizes" in
*300*" 0 "*) ok 0 "the host saw the balloon at 300, then at 0 ($sizes)" ;;
*) ok 1 "the host saw the balloon at 300, then at 0 ($sizes)" ;;
esac

# frames: churn frees pages it touched; inflating after 1 s takes them
zrun --guests 1 --guest-mem 2M --workload churn --ws 150 --iters 2000 \
	--policy balloon --balloon-target 0,200@1 --wss-period 200 --timeout 120
ok $status "a churning guest inflated after a second exits 0 (got $status)"
[ "$(gfield released_frames)" -ge 100 ]
ok $? "host frames were freed by its release ($(gfield released_frames) of $(gfield released))"
grep -q '^\[g0\] balloon: peak=200 ' "$T/out"
ok $? "the guest's balloon reached 200 pages"

# a target beyond what the floor allows: refused, the guest runs on
zrun --guests 1 --workload idle --ms 500 --policy balloon \
	--balloon-target 100000 --timeout 60
ok $status "a target past the floor: the guest exits 0 (got $status)"
max=$(gfield balloon_max)
[ "$(gfield refused)" -ge 1 ] && [ "$max" -gt 0 ] &&
	[ "$(gfield balloon_pages)" = "$max" ]
ok $? "refused and reported; it holds its most ($max pages), no more"
grep -q '^\[g0\] balloon: .* floor=32 .*refused=1 ' "$T/out"
ok $? "the guest kept its floor of 32 pages"

# a guest whose working set needs the balloon's pages gets them back
zrun --guests 1 --workload phases --ws 150 --iters 8 --policy balloon \
	--balloon-target 180 --timeout 120
ok $status "a phases guest inflated to 180 of 233 pages exits 0 (got $status)"
[ "$(gfield short)" -ge 1 ]
ok $? "it took pages back from the balloon $(gfield short) times"
[ "$(field all frames_leaked)" = 0 ]
ok $? "no frame leaked"
done_testing
