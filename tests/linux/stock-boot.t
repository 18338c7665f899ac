#!/bin/bash
# stock-boot.t - Debian's own s390x kernel (make linux-stock), unmodified,
# boots under zcmm in 64 MiB to the project's initramfs /init, which
# checks memory and powers off; Linux's CMMA uses zcmm's ESSA, and its
# line-mode console (code page 500 outside z/VM) reads as Linux wrote it.
# About a minute and a half of Hercules: run by make linux-check, not CI.
source "$(dirname "$0")/../system/tap.sh"

L=$PWD/build/linux
need_files "Debian's kernel and the initramfs are there (make linux-stock linux)" "$L/stock/vmlinuz" "$L/initramfs.cpio.gz"
cat >"$T/fleet" <<FLEET
guest deb mem=64M kernel=$L/stock/vmlinuz initrd=$L/initramfs.cpio.gz cmdline="rdinit=/init init_rounds=2"
FLEET

zrun "$T/fleet" --progress 5000 --timeout 600
ok $status "Debian's kernel boots under zcmm and powers off (exit $status)"
grep -Eq '^\[deb\] \[ *[0-9]+\.[0-9]+\] Linux version 6\.1' "$T/out"
ok $? "its line-mode console reads right: '[   SS.UUUUUU] Linux version 6.1...'"
grep -q '^\[deb\] init: memtest rounds=2 .* ok$' "$T/out"
ok $? "/init's memory checks passed"
grep -q '^\[deb\] init: status 0$' "$T/out" && [ "$(field 0 status)" = 0 ]
ok $? "the guest's status is /init's (0)"
extract=$(field 0 essa_extract) stable=$(field 0 essa_stable)
unused=$(field 0 essa_unused)
[ "${extract:-0}" -ge 1 ] && [ "${stable:-0}" -gt 1000 ] && [ "${unused:-0}" -gt 1000 ]
ok $? "Linux's CMMA used ESSA: extract=$extract stable=$stable unused=$unused"
done_testing
