#!/bin/bash
# linux-hinting.t - Linux with the guest page hinting series
# (guest-linux-patch/, CONFIG_PAGE_STATES on, page_states=on) under zcmm
# with memory pressure: two guests read the base disk through their page
# cache (/dev/zcmmblk0, by mmap and by read(), guest-linux-patch/hint-init.c
# as /init), the host drops their volatile pages, Linux takes discard
# faults and reads again, and every block checks out against the pattern
# written when the disk was made; the blocks checked are the guests' work
# (console work records). The same kernel under --no-essa runs the
# same reads with hinting inert. A third run swaps through the private
# disk (potentially volatile swap cache) with the cmm balloon following a
# target the host fixes.
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
	# hint-init's work records: the blocks it checked, 6 rounds of 1024
	[ "$(field $g work)" = 6144 ]
	ok $? "guest $g: the host counted its console work records (work $(field $g work), want 6144)"
done
! grep -q 'zcmm-work' "$T/out"
ok $? "work records are counted, not shown as console lines"
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

# The swap cache and the balloon: one guest swaps 12 MiB of anonymous
# memory through its private disk (more than its memory), so clean
# swap-cache pages are offered as potentially volatile; the run fixes a
# balloon target of 400 pages, which the cmm driver follows.
cat >"$T/fleet" <<FLEET
guest lx mem=16M workload=disktest kernel=$K initrd=$T/initrd.gz cmdline="console=ttysclp0 rdinit=/init page_states=on hint_rounds=1 hint_swap=12"
FLEET
zrun "$T/fleet" --storage 20M --timeout 400 --policy balloon+hinting --balloon-target 400
ok $status "a patched guest swaps under the balloon (exit $status)"
grep -q '^\[lx\] hint: swap pass 2: 3072 pages checked, 0 bad words$' "$T/out"
ok $? "every swapped page came back right"
pv=$(sed -n 's/^\[lx\] hint: pgstates_pot_volatile //p' "$T/out")
[ "${pv:-0}" -gt 0 ] && [ "$pv" = "$(field 0 essa_potvol)" ]
ok $? "swap-cache pages went potentially volatile (guest ${pv:-none}, host ESSA 4: $(field 0 essa_potvol))"
cp=$(sed -n 's/^\[lx\] hint: cmm_pages //p' "$T/out")
[ "${cp:-0}" = 400 ] && [ "$(field 0 balloon_pages)" = 400 ] &&
	[ "$(field 0 inflated)" -ge 400 ]
ok $? "the cmm balloon follows the host's target (guest ${cp:-none}, host size $(field 0 balloon_pages), inflated $(field 0 inflated))"
done_testing
