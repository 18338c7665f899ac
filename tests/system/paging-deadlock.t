#!/bin/bash
# paging-deadlock.t - paging cannot wedge at the admission boundary: six
# 2 MiB guests that write and verify (nearly) every page, in 10 MiB of
# storage, with the smallest paging size admission accepts, all finish
# with every page verified. A page-in needs a free frame before it frees
# a slot and a page-out a free slot before it frees a frame: admission
# gives every pageable page a slot and keeps frames free (host/admit.c).
source "$(dirname "$0")/tap.sh"

cat >"$T/fleet.conf" <<CONF
guest w count=6 mem=2M workload=random ws=500 iters=3000 hinting=off
CONF
admitted() { # paging size in KiB: does admission accept the fleet?
	"$Z" run --quiet --storage 10M --paging-size "${1}K" --duration 1 \
		--timeout 60 "$T/fleet.conf" >"$T/probe" 2>&1
	! grep -q 'admission:' "$T/probe"
}
lo=1024 hi=8192   # KiB a volume: refused, accepted
admitted $lo; r1=$?
admitted $hi; r2=$?
[ $r1 != 0 ] && [ $r2 = 0 ]
ok $? "admission refuses ${lo}K volumes and accepts ${hi}K"
while [ $((hi - lo)) -gt 4 ]; do
	mid=$(((lo + hi) / 8 * 4))
	if admitted $mid; then hi=$mid; else lo=$mid; fi
done
echo "# smallest paging size admission accepts: ${hi}K a volume (4 volumes)"
admitted $lo
grep -q 'admission: guest .* paging space' "$T/probe"
ok $? "4K less is refused for want of paging space: $(grep admission "$T/probe")"

zrun --storage 10M --paging-size "${hi}K" --timeout 240 "$T/fleet.conf"
ok $status "at ${hi}K the fleet runs to its end: exit 0 (got $status)"
[ "$(field all guests)" = 6 ] && [ "$(field all failed)" = 0 ]
ok $? "all six guests verified every page they wrote (failed $(field all failed))"
[ "$(field all pageouts)" -gt 1000 ] && [ "$(field all pageins)" -gt 1000 ]
ok $? "under heavy paging ($(field all pageouts) out, $(field all pageins) in)"
[ "$(field all checksum_errors)" = 0 ] && [ "$(field all frames_leaked)" = 0 ]
ok $? "no checksum error, no frame leaked"
done_testing
