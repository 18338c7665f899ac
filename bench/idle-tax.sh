#!/bin/bash
# idle-tax.sh - the idle-memory experiment of the ESX paper (Waldspurger
# 2002, section 5.3) on zcmm: two guests with equal shares, one that fills
# 900 pages and then idles, one active over a working set of 800 pages,
# larger than its half of the ~1100 frames the host has for them; run with
# an idle tax of 0 (pure shares) and of 75% (the default). Prints each
# run's resident storage at the end, the active guest's throughput (work
# units a second) and its ratio tau 75% / tau 0, and the time to settle
# (the first sample from which the active guest's storage stays within 10%
# of its final); plots both guests' resident storage over time.
# Usage: bench/idle-tax.sh [OUTDIR] [ZCMM]   (OUTDIR default
# bench-results/idle-tax-DATE; needs gnuplot for the plot)
cd "$(dirname "$0")/.." || exit 1
OUT=${1:-bench-results/idle-tax-$(date +%Y%m%d-%H%M%S)}
Z=${2:-build/bin/zcmm}
SEC=20
mkdir -p "$OUT" || exit 1
printf '%s\n' 'guest idle mem=4M workload=idle ws=900 ms=600000 phases=3600' \
	'guest active mem=4M workload=random ws=800 iters=1000000000' >"$OUT/fleet.conf"

for tax in 0 75; do
	"$Z" run --quiet --progress 500 --storage 11M --hinting off --no-essa \
		--wss-sample 64 --wss-period 1000 --duration $SEC --idle-tax $tax \
		"$OUT/fleet.conf" --results "$OUT/tax$tax.tsv" --timeout 300 \
		>"$OUT/tax$tax.out" 2>&1 ||
		{ echo "idle-tax $tax: zcmm run failed"; tail -5 "$OUT/tax$tax.out"; exit 1; }
	# t_ms, frames of idle, frames of active, work of active
	awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		$1 == "asample" { f[$c["guest"]] = $c["frames"]; w = $c["work"]
			if ($c["guest"] == 1) printf "%.2f %d %d %d\n", $c["t_ms"] / 1000, f[0], f[1], w }' \
		"$OUT/tax$tax.tsv" >"$OUT/tax$tax.dat"
done

# active work a second over the whole run; settling: the first sample from
# which its frames stay within 10% of the last sample's
stats() {
	awk -v sec=$SEC '{ t[NR] = $1; a[NR] = $3; w = $4; i = $2 }
		END { fin = a[NR]; s = t[NR]
			for (k = NR; k >= 1; k--) { d = a[k] - fin; if (d < 0) d = -d
				if (d * 10 > fin) break; s = t[k] }
			printf "%d %.1f %d %d\n", w / sec, s, i, fin }' "$1"
}
read -r thr0 set0 idle0 act0 <<<"$(stats "$OUT/tax0.dat")"
read -r thr75 set75 idle75 act75 <<<"$(stats "$OUT/tax75.dat")"
{
	echo "# idle-memory tax: one idle and one active guest, equal shares, ${SEC} s each"
	echo
	echo "| idle tax | idle guest frames | active guest frames | active throughput (work/s) | settled after (s) |"
	echo "| ---: | ---: | ---: | ---: | ---: |"
	echo "| 0 | $idle0 | $act0 | $thr0 | $set0 |"
	echo "| 75% | $idle75 | $act75 | $thr75 | $set75 |"
	echo
	awk -v a="$thr75" -v b="$thr0" 'BEGIN { printf "active guest throughput, tau 75%% / tau 0: %.2f\n", b ? a / b : 0 }'
	echo "time to settle at tau 75%: $set75 s (sampling period 1 s)"
} | tee "$OUT/summary.md"

if command -v gnuplot >/dev/null; then
	gnuplot <<EOF
set terminal png size 900,500
set output "$OUT/resident.png"
set title "Resident storage of each guest, idle tax 0 and 75%"
set xlabel "seconds"
set ylabel "frames (4 KiB)"
set key outside right
plot "$OUT/tax0.dat" using 1:2 with lines lw 2 title "idle, tax 0", \
     "$OUT/tax0.dat" using 1:3 with lines lw 2 title "active, tax 0", \
     "$OUT/tax75.dat" using 1:2 with lines lw 2 dt 2 title "idle, tax 75%", \
     "$OUT/tax75.dat" using 1:3 with lines lw 2 dt 2 title "active, tax 75%"
EOF
	echo "plot: $OUT/resident.png"
fi
