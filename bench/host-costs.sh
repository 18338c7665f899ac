#!/bin/bash
# host-costs.sh - the host's own costs, as figures: the storage it keeps
# per guest, an interception round trip against a bare SIE exit and
# re-entry measured in the same run, and a 500-guest fleet on one CPU.
# Usage: bench/host-costs.sh [GUESTS]   (default 500)
# The in-run times come from the TOD clock, which Hercules advances by a
# microsecond per read at high SIE exit rates: read the ratio, not the
# absolute microseconds; the fleet is timed by the wall clock.
set -u
cd "$(dirname "$0")/.." || exit 1
Z=build/bin/zcmm
n=${1:-500}
[ -x "$Z" ] || make all >/dev/null || exit 1

echo "== host self-test figures"
"$Z" run --quiet --host-mode selftest --timeout 300 | sed -n 's/^BENCH: /  /p'

echo "== $n guests of 1 MiB on one emulated CPU"
res=$(mktemp)
start=$(date +%s.%N)
"$Z" run --quiet --guests "$n" --workload random --timeout 1800 \
	--results "$res" >/dev/null
status=$?
end=$(date +%s.%N)
awk -F'\t' -v s="$start" -v e="$end" -v st="$status" '
	NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$1 == "total" && $2 == "all" && $c["guests"] != "" {
		printf "  exit status %d, %d guests, %d failed\n", st,
			$c["guests"], $c["failed"]
		printf "  wall clock %.1f s (Hercules start to end)\n", e - s
		printf "  work units %d, %.0f per wall-clock second\n",
			$c["work"], $c["work"] / (e - s) }' "$res"
rm -f "$res"
