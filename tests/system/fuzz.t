#!/bin/bash
# fuzz.t - a short bounded libFuzzer run (3 s a target) of the fleet-file
# and scenario parsers, the console line and record parsers, the ELF
# readers and the host's boot-block check, from the corpus in
# tests/fuzz/corpus: no crash, no leak, no undefined behaviour. `make
# fuzz` runs them for long.
cd "$(dirname "$0")/../.." || exit 1
n=0; fail=0
ok() { n=$((n+1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fail=1; fi; }
T=$(mktemp -d /tmp/fuzz-t.XXXXXX); trap 'rm -rf "$T"' EXIT

nice -n 10 make -s fuzz-build >"$T/build" 2>&1; st=$?   # low priority: the Hercules tests beside it are timed
ok $st "the fuzz targets build (clang, libFuzzer)"
[ $st = 0 ] || sed 's/^/# /' "$T/build"
for f in build/fuzz/fuzz_*; do
	[ -x "$f" ] || continue
	name=${f##*/fuzz_}
	[ -d "tests/fuzz/corpus/$name" ] && [ -n "$(ls "tests/fuzz/corpus/$name")" ]
	ok $? "$name has a corpus"
	nice -n 10 tests/fuzz/run.sh "${FUZZ_SECONDS:-3}" short "$f" >"$T/$name" 2>&1; st=$?
	ok $st "fuzz $name for ${FUZZ_SECONDS:-3} s: $(grep -o 'executed_units: [0-9]*' "$T/$name")"
	[ $st = 0 ] && grep -q "executed_units: [1-9]" "$T/$name"; ok $? "$name ran inputs"
	[ $st = 0 ] || sed 's/^/# /' "$T/$name"
done
[ $n -ge 16 ]; ok $? "five targets ran"
echo "1..$n"
exit $fail
