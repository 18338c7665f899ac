#!/bin/bash
# linux-fleet.t - four small Linux guests beside two zcmm guests at about
# twice the host's storage: every guest exits 0 with hinting and without.
# With hinting the host drops pages Linux freed (ESSA unused) without
# I/O, and pages out at least a third fewer than the pager alone does in
# the same fleet (measured: 11,108 against 30,415).
source "$(dirname "$0")/tap.sh"

L=$PWD/build/linux
need_files "the Linux kernel and initramfs are built (make linux)" "$L/small/bzImage" "$L/initramfs.cpio.gz"
cat >"$T/fleet" <<FLEET
# 4 x 16 MiB of Linux and 2 x 2 MiB of zcmm guests in 44 MiB of storage
storage 44M
guest lx count=4 mem=16M share=off kernel=$L/small/bzImage initrd=$L/initramfs.cpio.gz cmdline="console=ttysclp0 rdinit=/init init_rounds=8 init_pct=70"
guest z count=2 mem=2M workload=churn iters=20
FLEET

for policy in hinting none; do
	zrun "$T/fleet" --policy $policy --timeout 400
	ok $status "policy $policy: the fleet exits 0 (got $status)"
	[ "$(grep -c '^\[lx[0-3]\] init: status 0$' "$T/out")" = 4 ]
	ok $? "policy $policy: all four Linux guests' /init passed"
	eval "out_$policy=$(field all pageouts) du_$policy=$(field all discard_u)"
done
[ "${du_hinting:-0}" -gt 100 ] && [ "${du_none:-1}" = 0 ]
ok $? "with hinting Linux's freed pages were dropped without I/O ($du_hinting, none: $du_none)"
[ "${out_hinting:-0}" -gt 0 ] && [ $((3 * out_hinting)) -lt $((2 * ${out_none:-0})) ]
ok $? "and at least a third fewer page-outs than the pager alone ($out_hinting against $out_none)"
done_testing
