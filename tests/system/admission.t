#!/bin/bash
# admission.t - exact admission control: a fleet whose reserves and host
# tables do not fit the free storage, or whose other storage does not fit
# the paging space, is refused by the CLI before Hercules starts and by
# the host when the CLI's check is skipped, with the same line naming the
# guest and the shortfall; the CLI's count and the host's agree to the
# page (the largest reserve the CLI admits runs, 4 KiB more is refused),
# and the host's structures take the frames admission counted for them.
source "$(dirname "$0")/tap.sh"

# a guest of 8 MiB reserving all of it, a second one that no longer fits
zrun --storage 20M --guests 2 --guest-mem 8M --reserve 8M --workload idle \
	--ms 50 --timeout 60
cli=$(grep '^zcmm: admission:' "$T/out")
[ $status = 2 ] && [ -n "$cli" ] && ! grep -q 'zcmm host starting' "$T/out"
ok $? "refused by the CLI before Hercules starts (exit $status): $cli"
echo "$cli" | grep -q '^zcmm: admission: guest g1 does not fit: .* [1-9][0-9]* MiB short'
ok $? "the line names the guest and the shortfall in MiB"

zrun --test-host-admission --storage 20M --guests 2 --guest-mem 8M \
	--reserve 8M --workload idle --ms 50 --timeout 60
host=$(grep '^admission:' "$T/out")
[ $status = 1 ] && [ -n "$host" ]
ok $? "without the CLI's check the host refuses it (exit $status): $host"
[ "zcmm: $host" = "$cli" ]
ok $? "with the very same line as the CLI"

# paging space: the storage outside a guest's reserve needs a slot each
zrun --storage 32M --paging-volumes 1 --paging-size 2M --guests 2 \
	--guest-mem 2M --workload idle --ms 50 --timeout 60
[ $status = 2 ] && grep -q '^zcmm: admission: guest g1 does not fit: its storage outside its reserve needs 2 MiB of paging space' "$T/out"
ok $? "too little paging space: refused, naming guest g1 ($(grep admission "$T/out"))"
zrun --storage 32M --paging-volumes 1 --paging-size 2M --guests 2 \
	--guest-mem 2M --reserve 2M --workload idle --ms 50 --timeout 60
[ $status = 0 ] && [ "$(field all admit_slots)" = 0 ]
ok $? "the same fleet with its storage reserved needs no slot and runs (exit $status)"

# the boundary, found with the CLI alone (--dry-run starts nothing)
fits() {
	local d
	d=$("$Z" run --dry-run --storage 20M --guests 1 --guest-mem 16M \
		--reserve "$1" --workload idle --ms 50 2>/dev/null) || return 1
	rm -rf "$d"
}
lo=1; hi=4096                   # in pages: lo fits, hi does not
fits "$((lo * 4))K" && ! fits "$((hi * 4))K"
ok $? "a reserve of 4K fits, one of 16M does not"
while [ $((hi - lo)) -gt 1 ]; do
	mid=$(((lo + hi) / 2))
	if fits "$((mid * 4))K"; then lo=$mid; else hi=$mid; fi
done
zrun --storage 20M --guests 1 --guest-mem 16M --reserve "$((lo * 4))K" \
	--workload idle --ms 50 --timeout 60
ok $status "the largest reserve the CLI admits ($((lo * 4)) KiB) the host admits and runs"
[ "$(field 0 reserve_pages)" = "$lo" ] && [ "$(field 0 shares)" = 1000 ]
ok $? "the guest's reserve reached the host ($(field 0 reserve_pages) pages), default shares 1000"
zrun --test-host-admission --storage 20M --guests 1 --guest-mem 16M \
	--reserve "$((hi * 4))K" --workload idle --ms 50 --timeout 60
[ $status = 1 ] && grep -q '^admission: guest g0 does not fit: .* 1 MiB short' "$T/out"
ok $? "a page more the host refuses too ($(grep admission "$T/out"))"

# what admission counts is what the host's structures take: the frames
# a guest's making took before its image was loaded
printf '%s\n' 'guest small mem=1M workload=random ws=100 iters=2000' \
	'guest large mem=9M workload=random ws=1500 iters=3000' >"$T/fleet.conf"
zrun --storage 14M "$T/fleet.conf" --timeout 120
[ $status = 0 ] && [ "$(field all admit_miscount)" = 0 ] &&
	[ "$(field 0 host_frames)" = 2 ] && [ "$(field 1 host_frames)" = 12 ] &&
	[ "$(field 0 admit_host_frames)" = 2 ] && [ "$(field 1 admit_host_frames)" = 12 ]
ok $? "host structures as counted: 1M guest $(field 0 host_frames) frames, 9M (states in a frame of their own and one listing it) $(field 1 host_frames)"
done_testing
