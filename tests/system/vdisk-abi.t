#!/bin/bash
# vdisk-abi.t - the block interface (DIAG 0x410, docs/guest-abi.md) from
# a guest's side: the disktest workload's checks of sizes, known content,
# private-disk round trips, return codes, entry statuses and program
# exceptions become TAP lines; the host counts the guest's disk I/O.
source "$(dirname "$0")/tap.sh"
# a failed run's last lines, as TAP comments
why() { [ "$status" = 0 ] || tail -5 "$T/out" | sed 's/^/# /'; }

if ! command -v dasdinit >/dev/null 2>&1; then
	echo "1..0 # SKIP no dasdinit (Debian package hercules)"
	exit 0
fi
guest_tap() { # the guest's "disktest: ok/not ok - ..." lines
	local line
	while IFS= read -r line; do
		case "$line" in
		*"disktest: ok - # SKIP"*) ;;
		*"disktest: ok - "*) ok 0 "${line#*disktest: ok - }" ;;
		*"disktest: not ok - "*) ok 1 "${line#*disktest: not ok - }" ;;
		esac
	done <"$T/out"
}

zrun --guests 1 --workload disktest --timeout 120
why
ok $status "disktest guest exits 0 (got $status)"
guest_tap
[ "$(grep -c 'disktest: ok - ' "$T/out")" -ge 18 ]
ok $? "at least 18 interface checks passed"
grep -q '^vdisk: base disk 0100, 1024 blocks; 1 private volumes, 512 blocks, areas for 1 of 1 guests$' "$T/out"
ok $? "the host found the base disk (4 MiB) and a private area of twice the guest's storage"
[ "$(field 0 disk_reads)" -ge 10 ] && [ "$(field 0 disk_writes)" -ge 8 ] &&
	[ "$(field all disk_reads)" = "$(field 0 disk_reads)" ]
ok $? "@result counts its disk reads ($(field 0 disk_reads)) and writes ($(field 0 disk_writes))"
[ "$(field 0 double_paging)" = 0 ]
ok $? "no double paging without host memory pressure"
[ "$(field all frames_leaked)" = 0 ]
ok $? "no frame leaked (the call frames are freed)"
grep 'vdisk: calls=' "$T/out" | sed 's/^/# /'

zrun --guests 1 --workload disktest --hinting off --timeout 120
why
ok $status "disktest with hinting off exits 0 (got $status)"
grep -q 'disktest: ok - hinting off: no ESSA' "$T/out"
ok $? "with hinting off the guest does no ESSA for its disks"
[ "$(field 0 essa_volatile)" = 0 ] && [ "$(field 0 essa_potvol)" = 0 ]
ok $? "no volatile or potentially-volatile states set"

# the CLI side: images only when a workload uses disks
dir=$("$Z" run --dry-run --guests 3 --guest-mem 2M --workload fileserve --files 100 --file-pages 16 2>"$T/err")
ok $? "--dry-run of a fileserve fleet"
[ "$(stat -c %s "$dir/base0100.fba")" = $((100 * 16 * 4096 + 1048576 - 100 * 16 * 4096 % 1048576)) ] &&
	[ "$(stat -c %s "$dir/priv0300.fba")" = $((3 * 2 * 2 * 1048576)) ]
ok $? "base disk sized for 100 files of 16 pages; private volume 2 x 3 x 2 MiB"
grep -q '^0100 *9336 base0100.fba$' "$dir/hercules.cnf" && grep -q '^0300 *9336 priv0300.fba$' "$dir/hercules.cnf"
ok $? "hercules.cnf attaches 0100 and 0300"
rm -rf "$dir"
dir=$("$Z" run --dry-run --guests 2 --workload random 2>"$T/err")
[ ! -e "$dir/base0100.fba" ] && [ ! -e "$dir/priv0300.fba" ]
ok $? "no guest disks for a fleet that does not use them"
rm -rf "$dir"
done_testing
