#!/bin/bash
# share-hash.sh - what each page-hash candidate for content sharing costs
# per 4 KiB page on this machine (the host's self-test times them inside
# the emulated machine): the median of several runs, and the median of
# each as a multiple of CKSM's cost in the same run (the ratio is steadier
# than the microseconds on a busy machine). docs/sharing.md reads them.
# Usage: bench/share-hash.sh [RUNS]   (default 5)
set -u
cd "$(dirname "$0")/.." || exit 1
Z=build/bin/zcmm
runs=${1:-5}
[ -x "$Z" ] || make all >/dev/null || exit 1
raw=$(mktemp)
for i in $(seq "$runs"); do
	"$Z" run --quiet --host-mode selftest --timeout 300 2>/dev/null |
		sed -n "s/^BENCH: page hash \(.*\) \([0-9.]*\) us per 4 KiB page$/$i\t\1\t\2/p" \
		>>"$raw"
done
# run, candidate, us, ratio to CKSM in that run
awk -F'\t' 'NR == FNR { if ($2 ~ /^CKSM/) ck[$1] = $3; next }
	{ printf "%s\t%s\t%s\t%.3f\n", $1, $2, $3, ck[$1] ? $3 / ck[$1] : 0 }' \
	"$raw" "$raw" >"$raw.r"
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
printf '%-52s %9s %7s\n' "candidate (median of $runs runs)" "us/page" "x CKSM"
cut -f2 "$raw.r" | awk '!seen[$0]++' | while IFS= read -r name; do
	us=$(awk -F'\t' -v n="$name" '$2 == n { print $3 }' "$raw.r" | median)
	x=$(awk -F'\t' -v n="$name" '$2 == n { print $4 }' "$raw.r" | median)
	printf '%-52s %9s %7s\n' "$name" "$us" "$x"
done
rm -f "$raw" "$raw.r"
