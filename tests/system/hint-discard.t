#!/bin/bash
# hint-discard.t - guest page hinting end to end (issue 6): with the host
# short of storage, a volatile page it dropped and the guest then touched
# gives a discard fault (0x1A) and the guest recovers the right data; a
# dirty potentially-volatile page is preserved, a clean one dropped; an
# overcommitted file-serving fleet survives its page cache being taken.
source "$(dirname "$0")/tap.sh"
# a failed run's last lines, as TAP comments
why() { [ "$status" = 0 ] || tail -5 "$T/out" | sed 's/^/# /'; }

if ! command -v dasdinit >/dev/null 2>&1; then
	echo "1..0 # SKIP no dasdinit (Debian package hercules)"
	exit 0
fi

# a 12 MiB guest on a host with about 8 MiB of frames: iters=1 says the
# hint checks must run (the host must run short)
zrun --guests 1 --guest-mem 12M --storage 14M --workload disktest --iters 1 --timeout 180
why
ok $status "disktest under host memory pressure exits 0 (got $status)"
for want in "the host dropped the volatile page" \
	    "a clean potentially-volatile page is dropped (Vz)" \
	    "a dirty potentially-volatile page is preserved (Pr or Sp)" \
	    "... and holds what the guest wrote" \
	    "touching it gave one discard fault, re-read from disk" \
	    "... and it holds the right data again"; do
	grep -qF "disktest: ok - $want" "$T/out"
	ok $? "$want"
done
[ "$(field 0 discard_faults)" -ge 1 ] && [ "$(field 0 discard_v)" -ge 1 ] &&
	[ "$(field 0 discard_p)" -ge 1 ]
ok $? "the host counted the discards (V $(field 0 discard_v), P $(field 0 discard_p)) and the fault ($(field 0 discard_faults))"
grep 'disktest: touched' "$T/out" | sed 's/^/# /'

# eight 2 MiB file servers on a host with about 8 MiB of frames
zrun --guests 8 --guest-mem 2M --storage 16M --workload fileserve --timeout 300
why
ok $status "overcommitted fileserve fleet with hinting: every guest exits 0, every page verified (got $status)"
[ "$(field all discard_v)" -gt 0 ]
ok $? "the host dropped volatile page-cache pages ($(field all discard_v))"
rr=0
for i in 0 1 2 3 4 5 6 7; do
	line=$(grep -m1 "\[g$i\] pcache:" "$T/out")
	f=$(echo "$line" | tr ' ' '\n' | sed -n 's/^fault_rereads=//p')
	p=$(echo "$line" | tr ' ' '\n' | sed -n 's/^pin_rereads=//p')
	rr=$((rr + ${f:-0} + ${p:-0}))
done
[ "$rr" -gt 0 ] && [ "$(field all discard_faults)" -gt 0 ]
ok $? "the guests re-read dropped pages ($rr: discard faults $(field all discard_faults), the rest found by set-stable)"
[ "$(field all frames_leaked)" = 0 ]
ok $? "no frame leaked"
done_testing
