#!/bin/bash
# linux-boot.t - an unmodified Linux 6.1 (the small kernel make linux
# builds from Debian's linux-source-6.1) boots under zcmm to its
# initramfs /init, which prints what it sees, fills, checks and frees
# memory and powers off (SIGP stop): the guest's status is 0. With
# hinting its CMMA code finds ESSA (the probe, stable on allocation,
# unused on free); with --no-essa the probe takes the operation
# exception, Linux switches CMMA off and boots just the same.
source "$(dirname "$0")/tap.sh"

L=$PWD/build/linux
need_files "the Linux kernel and initramfs are built (make linux)" "$L/small/bzImage" "$L/initramfs.cpio.gz"
cat >"$T/fleet" <<FLEET
guest lx mem=16M kernel=$L/small/bzImage initrd=$L/initramfs.cpio.gz cmdline="console=ttysclp0 rdinit=/init"
FLEET

zrun "$T/fleet" --progress 500 --timeout 120
ok $status "Linux boots under zcmm and powers off (exit $status)"
grep -q '^\[lx\] Linux version 6\.1' "$T/out"
ok $? "its console lines carry the guest's name"
grep -q '^\[lx\] init: MemTotal=[1-9][0-9]* kB' "$T/out"
ok $? "/init ran and read /proc/meminfo"
grep -q '^\[lx\] init: memtest rounds=4 .* ok$' "$T/out"
ok $? "/init's memory checks passed"
grep -q '^\[lx\] init: status 0$' "$T/out" && [ "$(field 0 status)" = 0 ]
ok $? "the guest's status is /init's (0)"
extract=$(field 0 essa_extract) stable=$(field 0 essa_stable)
unused=$(field 0 essa_unused)
[ "${extract:-0}" -ge 1 ] && [ "${stable:-0}" -gt 100 ] && [ "${unused:-0}" -gt 100 ]
ok $? "Linux's CMMA used ESSA: extract=$extract stable=$stable unused=$unused"
unused_states=$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$1 == "sample" && $c["Ur"] + $c["Uz"] > 0 { n++ } END { print n + 0 }' "$T/res")
[ "$unused_states" -ge 1 ] && [ $(( $(field 0 Ur) + $(field 0 Uz) )) -gt 100 ]
ok $? "the state samples show the pages Linux freed as unused ($unused_states samples; at the end Ur $(field 0 Ur), Uz $(field 0 Uz))"

zrun "$T/fleet" --no-essa --timeout 120
ok $status "with --no-essa Linux boots too (exit $status)"
grep -q '^\[lx\] init: status 0$' "$T/out"
ok $? "and /init's checks pass"
[ "$(field 0 essa_stable)" = 0 ] && [ "$(field 0 essa_unused)" = 0 ] &&
	[ "$(field 0 icpt_operexc)" -ge 1 ]
ok $? "its probe took the operation exception and CMMA stayed off"
done_testing
