#!/bin/bash
# cli-help.t - zcmm --help, zcmm run --help and the man page document every
# option of zcmm run; zcmm version works.
cd "$(dirname "$0")/../.." || exit 1
Z=build/bin/zcmm
n=0; fail=0
ok() { n=$((n+1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fail=1; fi; }

top=$($Z --help); ok $? "zcmm --help exits 0"
echo "$top" | grep -q "^usage: zcmm COMMAND"; ok $? "zcmm --help shows usage"
run=$($Z run --help); ok $? "zcmm run --help exits 0"
man=$(sed 's/\\-/-/g; s/\\f[BIRP]//g' docs/zcmm.1)
echo "$run" | grep -q "^usage: zcmm run \[OPTIONS\] \[FLEET-FILE\]"; ok $? "zcmm run --help shows usage"
for o in storage cpus timeout keep log results quiet verbose host-mode timeslice \
	 progress seed no-essa guests guest-mem workload image ws iters phases ms \
	 min hinting hercules dry-run duration retries paging-volumes paging-size help; do
	echo "$run" | grep -q -- "--$o\b"; r1=$?
	echo "$top" | grep -q -- "--$o\b" || [ $o = help ]; r2=$?
	echo "$man" | grep -q -- "--$o\b"; r3=$?
	ok $((r1 + r2 + r3)) "--$o documented (run --help, --help, man page)"
done
for m in fleet selftest panic hang; do
	echo "$run" | grep -q "$m"; ok $? "host mode $m documented"
done
v=$($Z version); ok $? "zcmm version exits 0"
echo "$v" | grep -q "^zcmm [0-9]"; ok $? "zcmm version prints a version"
$Z states --table | grep -q "Sr"; ok $? "zcmm states --table"
$Z states --dot | grep -q "^digraph"; ok $? "zcmm states --dot"
if command -v man >/dev/null; then
	MANWIDTH=80 man -l docs/zcmm.1 2>/dev/null | grep -q "FLEET"; ok $? "man page renders"
fi
echo "1..$n"
exit $fail
