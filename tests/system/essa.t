#!/bin/bash
# essa.t - guest page hinting seen from inside a guest: every ESSA code on
# every page state (tests/guests/essa.c prints a PASS/FAIL line a check);
# a guest kernel that probes ESSA falls back when it is switched off; the
# state census adds up to the guests' storage at every sample.
source "$(dirname "$0")/tap.sh"

zrun --test-hooks --paging-volumes 1 --guests 1 --image "$G/essa.elf" \
	--workload none --timeout 120
ok $status "the ESSA walk exits 0 (got $status)"
guest_checks g0 150

zrun --test-hooks --guests 1 --image "$G/essa.elf" --workload none \
	--no-essa --timeout 60
[ $status = 1 ] && grep -q 'FAIL' "$T/out"
ok $? "with --no-essa the same walk fails (ESSA is an operation exception)"

zrun --no-essa --guests 4 --workload churn --timeout 120
ok $status "the zcmm guest kernel falls back when ESSA is off (exit $status)"
grep -q 'essa: not available (probe code 0x0001' "$T/out"
ok $? "its probe saw the operation exception"
[ "$(field all essa_stable)" = 0 ] && [ "$(field all icpt_operexc)" = 4 ]
ok $? "no ESSA reached the host but the four probes"

zrun --guests 6 --workload phases --progress 50 --timeout 120
ok $status "a hinting fleet sampled every 50 ms exits 0"
bad=$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$1 == "sample" { s = 0; split("Sr Sp Sz Ur Uz Vr Vz Pr", k, " ");
		for (j in k) s += $c[k[j]]; if (s != $c["pages"]) print }' "$T/res")
samples=$(grep -c '^sample' "$T/res")
[ "$samples" -ge 2 ] && [ -z "$bad" ]
ok $? "the state counts add up to the guests' pages at all $samples samples"
done_testing
