#!/bin/bash
# io-dasd.t - channel I/O and the FBA DASD driver: the host's I/O
# self-tests on the four test volumes the CLI attaches in selftest mode
# (PASS/FAIL lines -> TAP), and the CLI side: images made by dasdinit in
# the run directory, their hercules.cnf lines, clear errors.
source "$(dirname "$0")/tap.sh"
export TMPDIR=$T   # --dry-run leaves its run directories here

if ! command -v dasdinit >/dev/null 2>&1; then
	echo "1..0 # SKIP no dasdinit (Debian package hercules)"
	exit 0
fi

selftest() {
	zrun --host-mode selftest --timeout 120 "$@"
}

selftest
ok $status "selftest with the default test volumes exits 0 (got $status)"
[ "$(grep -c '^dasd 020[0-3]: 9336 .* 16384 blocks (8 MiB)$' "$T/out")" = 4 ]
ok $? "the host identifies four 8 MiB 9336 volumes at 0200-0203"
grep '^\(PASS\|FAIL\): io: ' "$T/out" >"$T/io"
selftest_tap "$T/io"
[ "$(grep -c '^PASS: io: ' "$T/out")" -ge 10 ]
ok $? "at least ten I/O self-tests passed"
grep '^io: ' "$T/out" | sed 's/^/# /'

# the CLI side, without Hercules
dir=$("$Z" run --dry-run --guests 3 --paging-volumes 2 --paging-size 2M 2>"$T/err")
ok $? "--dry-run --guests 3 --paging-volumes 2 --paging-size 2M (their storage fits the slots)"
[ -f "$dir/page0200.fba" ] && [ -f "$dir/page0201.fba" ] && [ ! -e "$dir/page0202.fba" ] &&
	[ "$(stat -c %s "$dir/page0200.fba")" = 2097152 ]
ok $? "two 2 MiB images in the run directory"
grep -q '^0200 *9336 page0200.fba$' "$dir/hercules.cnf" &&
	grep -q '^0201 *9336 page0201.fba$' "$dir/hercules.cnf"
ok $? "hercules.cnf has their device lines"
grep -q 'successfully' "$dir/dasdinit.log"
ok $? "dasdinit's output is kept in the run directory"
dir=$("$Z" run --dry-run --guests 8 --guest-mem 4M --paging-volumes 4 2>"$T/err")
[ "$(stat -c %s "$dir/page0203.fba")" = $((9 * 1048576)) ]
ok $? "paging volumes sized from the fleet (8 x 4 MiB + 1/8 over 4 volumes = 9 MiB)"
"$Z" run --dry-run --paging-volumes 17 >/dev/null 2>"$T/err"
[ $? = 2 ] && grep -q 'paging-volumes 17' "$T/err"
ok $? "--paging-volumes 17 is a usage error"
"$Z" run --dry-run --paging-volumes 1 --paging-size 5000 >/dev/null 2>"$T/err"
[ $? = 2 ] && grep -q 'paging-size 5000' "$T/err"
ok $? "--paging-size 5000 is a usage error"
ZCMM_DASDINIT=/bin/false "$Z" run --dry-run --paging-volumes 1 >/dev/null 2>"$T/err"
[ $? = 2 ] && grep -q 'false failed (status 1) making page0200.fba' "$T/err"
ok $? "a failing dasdinit is a clear error ($(head -c 120 "$T/err"))"
"$Z" run --help | grep -q -- '--paging-volumes N'
ok $? "zcmm run --help documents --paging-volumes"

# no volumes: the I/O suite says so and fails, it does not hang
selftest --paging-volumes 0
[ $status = 1 ] && grep -q '^FAIL: io: test volumes found: no FBA volume' "$T/out"
ok $? "selftest without volumes: a clear FAIL line, exit 1 (got $status)"

done_testing
