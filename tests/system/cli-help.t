#!/bin/bash
# cli-help.t - one source of truth for options: `zcmm run --help` and
# `zcmm bench --help` are made from the option tables, the manual page's
# OPTIONS and BENCH sections list exactly those options, `zcmm --help`
# names every one, docs/fleet-config.md lists every fleet key; zcmm
# version and states work.
cd "$(dirname "$0")/../.." || exit 1
Z=build/bin/zcmm
n=0; fail=0
ok() { n=$((n+1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fail=1; fi; }

top=$($Z --help); ok $? "zcmm --help exits 0"
echo "$top" | grep -q "^usage: zcmm COMMAND"; ok $? "zcmm --help shows usage"
run=$($Z run --help); ok $? "zcmm run --help exits 0"
bench=$($Z bench --help); ok $? "zcmm bench --help exits 0"
echo "$run" | grep -q "^usage: zcmm run \[OPTIONS\] \[FLEET-FILE\]"; ok $? "zcmm run --help shows usage"

# the option names of a --help text, and of a manual page section
helpnames() { grep -o -- '^  \(-., \)\?--[a-z][a-z-]*' | grep -o -- '--.*' | grep -vx -- --help | sort -u; }
mannames() { sed 's/\\-/-/g; s/\\f[BIRP]//g' docs/zcmm.1 |
	awk -v s="$1" '/^\.SH /{on=($0 ~ s)} on && /^\.(B|BI|BR) /' |
	grep -o -- '--[a-z][a-z-]*' | grep -vx -- --help | sort -u; }
agree() {   # WHAT A B: the two lists are the same
	local d; d=$(diff <(echo "$2") <(echo "$3"))
	ok $? "$1"; [ -n "$d" ] && echo "$d" | sed 's/^/# /'
}
rn=$(echo "$run" | helpnames); bn=$(echo "$bench" | helpnames)
[ "$(echo "$rn" | wc -l)" -ge 30 ]; ok $? "zcmm run --help lists its options ($(echo $rn | wc -w))"
agree "man page OPTIONS = zcmm run --help (< help, > man)" "$rn" "$(mannames OPTIONS)"
agree "man page BENCH = zcmm bench --help (< help, > man)" "$bn" "$(mannames BENCH)"
sn=$($Z states --help | helpnames)
agree "man page STATES = zcmm states --help (< help, > man)" "$sn" "$(mannames STATES)"
missing=; for o in $rn $bn $sn; do echo "$top" | grep -q -- "$o\b" || missing="$missing $o"; done
[ -z "$missing" ]; ok $? "zcmm --help names every option (missing:$missing)"
for w in idle churn phases random fileserve anon disktest none; do
	echo "$run" | grep -q "\b$w\b"; ok $? "workload $w in zcmm run --help"
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
