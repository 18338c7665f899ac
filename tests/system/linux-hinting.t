#!/bin/bash
# linux-hinting.t - Linux with the guest page hinting series
# (guest-linux-patch/, CONFIG_PAGE_STATES on, page_states=on) under zcmm
# with memory pressure: two guests read the base disk through their page
# cache (/dev/zcmmblk0, by mmap and by read(), guest-linux-patch/hint-init.c
# as /init), the host drops their volatile pages, Linux takes discard
# faults and reads again, and every block checks out against the pattern
# written when the disk was made. The same kernel under --no-essa runs the
# same reads with hinting inert.
source "$(dirname "$0")/tap.sh"

K=$PWD/build/linux-patch/on/arch/s390/boot/bzImage
XCC=${CROSS:-s390x-linux-gnu-}gcc
if [ ! -f "${LINUX_SOURCE_TARBALL:-/usr/src/linux-source-6.1.tar.xz}" ]; then
	echo "1..0 # SKIP linux-source-6.1 is not installed (make deps installs it)"
	exit 0
fi
guest-linux-patch/build kernel on >"$T/build" 2>&1
ok $? "the patched kernel is built"
[ -f "$K" ] || { sed 's/^/# /' "$T/build" | tail -20; done_testing; }

mkdir -p "$T/initfs/dev" "$T/initfs/proc"
"$XCC" -static -O2 -Wall -Iinclude -I. -o "$T/initfs/init" \
	guest-linux-patch/hint-init.c lib/pattern.c lib/prng.c
ok $? "hint-init builds"
(cd "$T/initfs" && find . | LC_ALL=C sort |
	cpio -o -H newc --quiet --owner=0:0) | gzip -9n >"$T/initrd.gz"
cat >"$T/fleet" <<FLEET
guest lx count=2 mem=16M workload=disktest kernel=$K initrd=$T/initrd.gz cmdline="console=ttysclp0 rdinit=/init page_states=on hint_rounds=6"
FLEET

# 36 MiB of storage for two 16 MiB guests: the host must reclaim
zrun "$T/fleet" --storage 36M --timeout 400
ok $status "two patched Linux guests read their disk under pressure (exit $status)"
[ $status = 0 ] || sed 's/^/# /' "$T/out" | grep -v '^# progress' | tail -30
for g in 0 1; do
	[ "$(field $g status)" = 0 ] &&
		grep -q "^\[lx$g\] hint: round 5: 1024 blocks checked, 0 bad" "$T/out"
	ok $? "guest $g: every block right in every round (status $(field $g status))"
done
v=$(( $(field 0 essa_volatile) + $(field 1 essa_volatile) ))
d=$(( $(field 0 discard_v) + $(field 1 discard_v) ))
f=$(( $(field 0 discard_faults) + $(field 1 discard_faults) ))
[ "$v" -gt 0 ]
ok $? "Linux made page cache pages volatile (ESSA 3: $v)"
[ "$d" -gt 0 ] && [ "$f" -gt 0 ]
ok $? "the host dropped volatile pages ($d) and Linux took discard faults ($f)"
lf=$(sed -n 's/^\[lx0\] hint: pgstates_discard_fault //p' "$T/out")
[ "${lf:-0}" = "$(field 0 discard_faults)" ]
ok $? "guest 0 counted the discard faults the host gave it (${lf:-none} = $(field 0 discard_faults))"

zrun "$T/fleet" --storage 36M --timeout 400 --no-essa
ok $status "with --no-essa the same kernel runs (exit $status)"
[ "$(field 0 status)" = 0 ] && [ "$(field 1 status)" = 0 ] &&
	[ "$(field 0 discard_faults)" = 0 ] && [ "$(field 0 essa_volatile)" = 0 ] &&
	grep -q '^\[lx0\] hint: pgstates_volatile 0$' "$T/out"
ok $? "every block right, no volatile page, no discard fault: hinting inert"
done_testing
