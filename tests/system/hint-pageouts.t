#!/bin/bash
# hint-pageouts.t - the same overcommitted file-serving fleet with
# hinting on and off (issue 6): with hinting the host drops clean
# page-cache pages instead of writing them out, so far fewer page-outs;
# either way no page ever holds the wrong pattern.
source "$(dirname "$0")/tap.sh"
# a failed run's last lines, as TAP comments
why() { [ "$status" = 0 ] || tail -5 "$T/out" | sed 's/^/# /'; }

if ! command -v dasdinit >/dev/null 2>&1; then
	echo "1..0 # SKIP no dasdinit (Debian package hercules)"
	exit 0
fi
fleet() { zrun --guests 8 --guest-mem 2M --storage 16M --workload fileserve --seed 7 --timeout 300 "$@"; }

fleet --hinting on
why
ok $status "hinting on: every guest exits 0, every page verified (got $status)"
on=$(field all pageouts)
won=$(field all work)
rdon=$(field all disk_reads)
grep -q 'pattern mismatch' "$T/out"
ok $((! $?)) "hinting on: no pattern mismatch"
fleet --hinting off
why
ok $status "hinting off: every guest exits 0, every page verified (got $status)"
off=$(field all pageouts)
grep -q 'pattern mismatch' "$T/out"
ok $((! $?)) "hinting off: no pattern mismatch"
[ "$won" = "$(field all work)" ]
ok $? "the same work both ways ($won pages served)"
[ "$off" -gt 0 ] && [ $((on * 2)) -lt "$off" ]
ok $? "far fewer page-outs with hinting: $on against $off"
echo "# page-outs: hinting on $on, off $off; guest disk reads: on $rdon, off $(field all disk_reads)"
done_testing
