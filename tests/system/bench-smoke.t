#!/bin/bash
# bench-smoke.t - zcmm bench end to end on a tiny scenario (2 policies, 1
# repeat, 4 small guests, overcommitted so that the host reclaims): the
# report directory has runs.tsv with a row per run, samples.tsv, summary.md
# and PNG plots; the summary's figures are the ones runs.tsv gives (by awk
# here, and by zcmm bench --check); a malformed scenario names its line.
source "$(dirname "$0")/tap.sh"

# what a failed zcmm bench printed, and each run's exit and the end of
# its log (the report directory goes with the test's)
bench_diag() {   # STATUS DIR
	[ "$1" = 0 ] && return 0
	echo "# zcmm bench exited $1; its output:"
	sed 's/^/#   /' "$T/out"
	[ -s "$2/runs.tsv" ] && cut -f2,7,8 "$2/runs.tsv" | sed 's/^/#   runs.tsv: /'
	for l in "$2"/runs/*.log; do
		[ -s "$l" ] || continue
		echo "# ${l##*/} (last 40 lines):"
		tail -n 40 "$l" | sed 's/^/#   /'
	done
}

cat >"$T/tiny.bench" <<'EOF2'
title bench smoke test
repeat 1
sample 300
reserve 6M
overcommit 2
policy none --hinting off
policy hinting --hinting on
target essa-cost --metric throughput --policy hinting --vs none --min 0.5
show frames@random0 settle_s@random0
guest churn count=2 mem=2M workload=churn ws=400 iters=8
guest random count=2 mem=2M workload=random ws=300 iters=3000
EOF2
D=$T/report
"$Z" bench --out "$D" "$T/tiny.bench" >"$T/out" 2>&1
status=$?
ok $status "zcmm bench on a tiny scenario exits 0 (got $status; $(tail -3 "$T/out" | tr '\n' ' '))"
bench_diag $status "$D"
for f in runs.tsv samples.tsv summary.md scenario.bench fleet.conf throughput.png paging.png states-2x.png resident-2x.png; do
	[ -s "$D/$f" ]; ok $? "report has $f"
done
for f in throughput.png paging.png states-2x.png resident-2x.png; do
	[ "$(head -c 8 "$D/$f" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]
	ok $? "$f is a PNG (magic bytes)"
done
[ "$(tail -n +2 "$D/runs.tsv" | wc -l)" = 2 ]; ok $? "runs.tsv: one row per run"
head -1 "$D/runs.tsv" | grep -qP '^kind\tid\tscenario\tvariant\tpolicy\trepeat\texit\twall_s\tthroughput\t.*work'
ok $? "runs.tsv header: kind, id, the fixed columns, then the total record's keys (the --results format)"
col() { awk -F'\t' -v k="$1" -v p="$2" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$c["policy"] == p { print $c[k] }' "$D/runs.tsv"; }
for p in none hinting; do
	[ "$(col exit $p)" = 0 ] && [ "$(col work $p)" -gt 0 ]
	ok $? "$p: exit 0 and work from the host's counters ($(col work $p) units)"
	want=$(awk -v w="$(col work $p)" -v s="$(col wall_s $p)" 'BEGIN { t = w / s; if (t >= 1000) printf "%.0f", t; else printf "%.3g", t }')
	grep -q "^| $p | \`--hinting [a-z]*\` | 1/1 | $want |" "$D/summary.md"
	ok $? "$p: the summary's throughput $want = work / wall_s of runs.tsv"
	po=$(col pageouts $p); disc=$(awk -v a="$(col discard_u $p)" -v b="$(col discard_v $p)" -v c="$(col discard_p $p)" 'BEGIN { print a + b + c }')
	grep -q "^| $p | .* | 1/1 | [0-9]* | ${po:-n/a} | [0-9n/a]* | $disc |" "$D/summary.md"
	ok $? "$p: page-outs ${po:-n/a} and discards $disc as in runs.tsv"
done
ratio=$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next } { t[$c["policy"]] = $c["work"] / $c["wall_s"] }
	END { r = t["hinting"] / t["none"]; if (r >= 1000) printf "%.0f", r; else printf "%.3g", r }' "$D/runs.tsv")
grep -q "^| 2x | hinting | $ratio |" "$D/summary.md"; ok $? "headline ratio $ratio = hinting / none from runs.tsv"
grep -q "^| essa-cost | throughput of hinting / none (2x) = $ratio | >= 0.5 | \(met\|not met\) |" "$D/summary.md"
ok $? "target with the measured figure beside it"
[ "$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next } { print $c["variant"] }' "$D/samples.tsv" | sort -u)" = 2x ] && [ "$(wc -l <"$D/samples.tsv")" -ge 3 ]
ok $? "samples.tsv has the state samples over time"
[ "$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next } $1 == "asample" && $c["policy"] == "none" { print $c["guest"] }' "$D/samples.tsv" | sort -u | tr '\n' ' ')" = "0 1 2 3 " ]
ok $? "samples.tsv has each guest's frames over time (asample records of guests 0-3)"
# frames@random0: the guest record's frames (guest 2 is random0); settle_s from its asamples
fr=$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next } $c["policy"] == "none" { print $c["frames@random0"] }' "$D/runs.tsv")
[ -n "$fr" ] && grep -q "^| none | .* | $fr | [0-9.]* |\$" "$D/summary.md"
ok $? "show columns: random0's frames ($fr) and settling time from runs.tsv ($(grep '^| none |' "$D/summary.md" | tail -1))"
"$Z" bench --check "$D" >"$T/check" 2>&1; ok $? "zcmm bench --check: summary.md agrees with runs.tsv ($(cat "$T/check"))"
sed -i "s/^| 2x | hinting | $ratio |/| 2x | hinting | 9.99 |/" "$D/summary.md"
"$Z" bench --check "$D" >"$T/check" 2>&1; st=$?
[ $st = 1 ] && grep -q "summary.md:[0-9]*: differs" "$T/check"; ok $? "--check finds a changed figure (exit $st)"
grep -q "^\[bench 1/2 " "$T/out" && grep -q "^\[bench 2/2 hinting r1, .*done in" "$T/out"
ok $? "progress: which run of how many, elapsed"
grep -q "^# zcmm bench: tiny" "$T/out"; ok $? "the summary is printed at the end"

# a malformed scenario: file:line and the reason, exit 2
printf 'repeat 1\npolicy none --hinting off\npolicy b --balloon on\n' >"$T/bad.bench"
"$Z" bench --out "$T/bad" "$T/bad.bench" >"$T/out" 2>&1; st=$?
[ $st = 2 ] && grep -qx "zcmm: $T/bad.bench:3: policy b: unknown option '--balloon' (see zcmm run --help)" "$T/out"
ok $? "unknown policy option: line 3 named, exit 2 ($(cat "$T/out"))"
printf 'policy none --hinting sometimes\n' >"$T/bad2.bench"
"$Z" bench --dry-run "$T/bad2.bench" >"$T/out" 2>&1; st=$?
[ $st = 2 ] && grep -qx "zcmm: $T/bad2.bench:1: policy none: --hinting sometimes: expected on or off (or yes/no, true/false, 1/0)" "$T/out"
ok $? "bad setting value: zcmm run's own message with the line ($(cat "$T/out"))"
for f in bench/*.bench; do
	"$Z" bench --dry-run "$f" >/dev/null 2>"$T/err"; ok $? "$f parses ($(cat "$T/err"))"
done

# two runs at once (-j 2): the same report, the summary says so
"$Z" bench -j 2 --no-plots --out "$T/j2" "$T/tiny.bench" >"$T/out" 2>&1; st=$?
ok $st "zcmm bench -j 2 exits 0 ($(tail -3 "$T/out" | tr '\n' ' '))"
bench_diag $st "$T/j2"
[ "$(tail -n +2 "$T/j2/runs.tsv" | wc -l)" = 2 ]; ok $? "-j 2: a row per run"
grep -q "^2 runs at a time (zcmm bench -j)" "$T/j2/summary.md"; ok $? "-j 2: the summary records it"
"$Z" bench --check "$T/j2" >"$T/check" 2>&1; ok $? "-j 2: --check agrees ($(cat "$T/check"))"

# --list: one self-contained command line per run; run them from elsewhere,
# then --collect merges their reports into one
"$Z" bench --list --out "$T/list" "$T/tiny.bench" >"$T/cmds" 2>&1; st=$?
[ $st = 0 ] && [ "$(wc -l <"$T/cmds")" = 2 ] && grep -q "^/.*zcmm bench /.*tiny.bench .*--out $T/list/" "$T/cmds"
ok $? "--list: two command lines with absolute paths ($(head -1 "$T/cmds"))"
(cd / && while IFS= read -r cmd; do sh -c "$cmd" >>"$T/listout" 2>&1 || exit 1; done <"$T/cmds"); ok $? "each listed command runs on its own (from /)"
"$Z" bench --collect --no-plots --out "$T/merged" "$T/list"/* >"$T/out" 2>&1; st=$?
ok $st "--collect exits 0 ($(tail -2 "$T/out" | tr '\n' ' '))"
[ "$(tail -n +2 "$T/merged/runs.tsv" | wc -l)" = 2 ] && [ "$(cut -f5 "$T/merged/runs.tsv" | tail -n +2 | sort | tr '\n' ' ')" = "hinting none " ]
ok $? "--collect: both runs in one runs.tsv"
grep -q "^| essa-cost | throughput of hinting / none (2x)" "$T/merged/summary.md"; ok $? "--collect: the target computed across the collected runs"
[ "$(wc -l <"$T/merged/samples.tsv")" -ge 3 ]; ok $? "--collect: the samples of every run"
"$Z" bench --check "$T/merged" >"$T/check" 2>&1; ok $? "--collect: --check agrees ($(cat "$T/check"))"
done_testing
