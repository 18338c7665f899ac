#!/bin/bash
# linux-hinting.sh - N Linux guests reading the same blocks of the shared
# base disk through their page cache (guest-linux-patch/hint-init.c) at 2x
# overcommit: the stock kernel against the patched one, each under the
# policies none, hinting, balloon and balloon+hinting. Prints the host's
# paging I/Os per reclaimed page and the throughput (blocks checked per
# second of wall clock and per second of CPU) of each, as ratios against
# stock under none, beside the published claim that for Linux ballooning
# and hinting gain about the same.
#
# "stock" is the series built with CONFIG_PAGE_STATES off: mainline's mm
# (CMMA says only unused and stable), plus the two drivers any Linux needs
# to run this workload under zcmm at all (zcmm_blk for the disk, the cmm
# balloon's zcmm channel). "patched" is the same tree with the option on
# and page_states=on. Both run the same /init and command line otherwise.
# Usage: bench/linux-hinting.sh [N [ROUNDS [RUNS]]]  (default 4 guests,
# 4 rounds of the 4 MiB disk, 1 run of each cell; each figure is the
# median over the runs, the lower middle of an even count).
# Every run's output and results stay in OUT (default
# bench-results/linux-hinting-DATE); the table is OUT/summary.md too.
#        bench/linux-hinting.sh --summary OUT   (the table again from OUT)
set -u
cd "$(dirname "$0")/.." || exit 1
if [ "${1:-}" = --summary ]; then
	OUT=$2
	read -r N ROUNDS RUNS <"$OUT/params" || exit 1
	only_summary=1
else
	N=${1:-4}
	ROUNDS=${2:-4}
	RUNS=${3:-1}
	only_summary=0
fi
MEM=16                                   # MiB per guest
STORAGE=$((8 + N * MEM / 2))             # 8M reserve + guest storage / 2
POLICIES="none hinting balloon balloon+hinting"
Z=$PWD/build/bin/zcmm
XCC=${CROSS:-s390x-linux-gnu-}gcc
T=${OUT:-bench-results/linux-hinting-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$T" && T=$(cd "$T" && pwd) || exit 1

echo "$N $ROUNDS $RUNS" >"$T/params"
fail=0
tot() { # tot FILE KEY: the total record's KEY (0 when absent)
	awk -F'\t' -v key="$2" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		$1 == "total" { v = (key in c) ? $c[key] + 0 : 0 }
		END { print v + 0 }' "$1"
}
med() { sort -g | awk '{ v[NR] = $1 } END { print NR ? v[int((NR + 1) / 2)] : "nan" }'; }

fleet() { # fleet KERNEL: the fleet file of that kernel
	local k=$1 v=off extra=
	[ "$k" = patched ] && v=on extra=" page_states=on"
	echo "guest lx count=$N mem=${MEM}M workload=disktest" \
		"kernel=$PWD/build/linux-patch/$v/arch/s390/boot/bzImage" \
		"initrd=$T/initrd.gz cmdline=\"console=ttysclp0 rdinit=/init" \
		"hint_rounds=$ROUNDS$extra\""
}

# build what the runs need, then every run x kernel x policy
run_all() {
	local r k p f try t0 t1 st v
	nice -n 10 make -s all >/dev/null || exit 1
	# guest-linux-patch/build holds its lock for a whole run (build each
	# takes half an hour): then the kernels it built before are used
	if [ -f build/linux-patch/on/arch/s390/boot/bzImage ] &&
	   [ -f build/linux-patch/off/arch/s390/boot/bzImage ] &&
	   ! flock -n build/linux-patch/lock true; then
		echo "(guest-linux-patch/build is busy: the off and on kernels built before are used)"
	else
		for v in off on; do
			nice -n 10 guest-linux-patch/build kernel $v >"$T/build-$v" 2>&1 ||
				{ tail -20 "$T/build-$v"; exit 1; }
		done
	fi
	mkdir -p "$T/initfs/dev" "$T/initfs/proc"
	"$XCC" -static -O2 -Wall -Iinclude -I. -o "$T/initfs/init" \
		guest-linux-patch/hint-init.c lib/pattern.c lib/prng.c || exit 1
	(cd "$T/initfs" && find . | LC_ALL=C sort |
		cpio -o -H newc --quiet --owner=0:0) | gzip -9n >"$T/initrd.gz"
	fleet stock >"$T/stock.fleet"
	fleet patched >"$T/patched.fleet"
	# the two kernels of a policy run one after the other, first one then
	# the other in turn, so that the machine's load, which moves, falls on
	# both alike
	local order="stock patched"
	for r in $(seq "$RUNS"); do
		for p in $POLICIES; do
			for k in $order; do
				f=$T/$k.$p.$r
				# a second attempt when Hercules ends a run early
				for try in 1 2; do
					t0=$(date +%s.%N)
					/usr/bin/time -f '%U %S' -o "$f.cpu" \
						nice -n 10 "$Z" run --quiet --storage ${STORAGE}M \
						--policy "$p" --timeout 900 --results "$f.tsv" \
						"$T/$k.fleet" >"$f.out" 2>&1
					st=$?
					t1=$(date +%s.%N)
					awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f\n", b - a }' >"$f.wall"
					echo $st >"$f.status"
					[ $st = 0 ] && break
					echo "$k/$p run $r attempt $try failed (exit $st):"
					grep -v progress "$f.out" | tail -3
					cp "$f.out" "$f.failed$try.out"
				done
				[ $st = 0 ] || fail=1
			done
			order=$(echo $order | awk '{ print $2, $1 }')
		done
	done
}
[ $only_summary = 1 ] || run_all

# one line per run of a cell: throughput, paging I/O per reclaimed page,
# paging I/Os, reclaimed, dropped without I/O, ballooned, disk reads, faults
runs_of() { # runs_of KERNEL POLICY
	local k=$1 p=$2 r f io dis rel rec
	for r in $(seq "$RUNS"); do
		f=$T/$k.$p.$r
		[ "$(cat "$f.status" 2>/dev/null)" = 0 ] || continue
		io=$(( $(tot "$f.tsv" pageouts) + $(tot "$f.tsv" pageins) ))
		dis=$(( $(tot "$f.tsv" discard_u) + $(tot "$f.tsv" discard_v) + $(tot "$f.tsv" discard_p) ))
		rel=$(tot "$f.tsv" released_frames)
		rec=$(( $(tot "$f.tsv" pageouts) + dis + rel ))
		awk -v w="$(tot "$f.tsv" work)" -v s="$(cat "$f.wall")" -v io=$io \
			-v cpu="$(awk '{ print $1 + $2 }' "$f.cpu" 2>/dev/null)" \
			-v rec=$rec -v dis=$dis -v rel=$rel \
			-v dr="$(tot "$f.tsv" disk_reads)" -v df="$(tot "$f.tsv" discard_faults)" \
			'BEGIN { printf "%.1f %s %d %d %d %d %d %d %s\n", w / s,
				rec ? sprintf("%.3f", io / rec) : "nan", io, rec, dis, rel, dr, df,
				(cpu > 0 ? sprintf("%.1f", w / cpu) : "nan") }'
	done
}
cell() { # cell KERNEL POLICY: the median of each column over the runs
	local i
	runs_of "$1" "$2" >"$T/cell"
	[ -s "$T/cell" ] || return 0
	for i in 1 2 3 4 5 6 7 8 9; do cut -d' ' -f$i "$T/cell" | med; done | paste -sd' '
}

summary() {
	local k p tp ipr io rec dis rel dr df tc btp= bio= btc=
	read -r btp bio _ _ _ _ _ _ btc <<<"$(cell stock none)"
	echo "Linux guests reading the shared disk: $N x ${MEM}M in ${STORAGE}M of" \
		"storage (2x overcommit), $ROUNDS rounds of 1024 blocks; each figure the median" \
		"of $RUNS run(s) (of an even count, the lower middle)."
	printf '\n| kernel | policy | blocks / wall s | ratio | blocks / CPU s | ratio | paging I/O per reclaimed page | ratio | paging I/Os | reclaimed | dropped without I/O | ballooned | guest disk reads | discard faults |\n'
	printf '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n'
	for k in stock patched; do
		for p in $POLICIES; do
			read -r tp ipr io rec dis rel dr df tc <<<"$(cell $k $p)"
			[ -z "${tp:-}" ] && { echo "| $k | $p | (failed) |"; continue; }
			eval "tp_${k}_${p/+/_}=$tp tc_${k}_${p/+/_}=$tc io_${k}_${p/+/_}=$ipr pio_${k}_${p/+/_}=$io"
			awk -v k=$k -v p=$p -v tp=$tp -v btp="${btp:-0}" -v tc=$tc \
				-v btc="${btc:-nan}" -v ipr=$ipr -v bio="${bio:-nan}" \
				-v io=$io -v rec=$rec -v dis=$dis -v rel=$rel -v dr=$dr \
				-v df=$df '
			function ratio(a, b) { return (a != "nan" && b != "nan" && b > 0) ? sprintf("%.2f", a / b) : "n/a" }
			BEGIN {
				printf "| %s | %s | %.1f | %s | %s | %s | %s | %s | %d | %d | %d | %d | %d | %d |\n",
					k, p, tp, ratio(tp, btp), tc, ratio(tc, btc), ipr, ratio(ipr, bio),
					io, rec, dis, rel, dr, df }'
		done
	done
	echo
	echo "Ratios are to stock under none. Blocks / wall s: blocks checked per" \
		"second of the whole run (Hercules's start and end included); blocks /" \
		"CPU s: per second of CPU that zcmm run and Hercules used, which other" \
		"load on the machine moves far less. Reclaimed: page-outs + frames" \
		"dropped without I/O (unused, volatile, potentially volatile) + frames" \
		"the balloon released; paging I/Os: the host's page-outs + page-ins" \
		"(docs/bench.md). Guest disk reads: the guests' own reads of the base" \
		"disk (first reads, and again after a drop, a discard fault or the balloon)."
	echo
	awk -v h="${tp_patched_hinting:-0}" -v b="${tp_stock_balloon:-0}" \
	    -v hc="${tc_patched_hinting:-nan}" -v bc="${tc_stock_balloon:-nan}" \
	    -v hio="${io_patched_hinting:-nan}" -v bio="${io_stock_balloon:-nan}" \
	    -v hs="${tp_stock_hinting:-0}" -v hsc="${tc_stock_hinting:-nan}" \
	    -v n="${tp_stock_none:-0}" -v nc="${tc_stock_none:-nan}" \
	    -v np="${tp_patched_none:-0}" -v npc="${tc_patched_none:-nan}" \
	    -v bp="${tp_patched_balloon:-0}" -v bpc="${tc_patched_balloon:-nan}" \
	    -v pion="${pio_patched_none:-n/a}" -v sion="${pio_stock_none:-n/a}" '
	function ratio(a, b) { return (a != "nan" && b != "nan" && a > 0 && b > 0) ? sprintf("%.2f", a / b) : "n/a" }
	BEGIN {
		print "Published claim (guest page hinting for Linux, 2009, its author):" \
			" the benefits of ballooning and of guest page hinting are about the same."
		printf "Measured, hinting (patched kernel) / ballooning (stock kernel): throughput %s by the wall clock, %s by CPU; paging I/O per reclaimed page %s\n",
			ratio(h, b), ratio(hc, bc), ratio(hio, bio)
		printf "Stock kernel (unused/stable hints only) under hinting / ballooning: throughput %s by the wall clock, %s by CPU\n",
			ratio(hs, b), ratio(hsc, bc)
		printf "Baseline check, patched / stock with ESSA off (hinting inert in both; expect about 1): none %s (wall) %s (CPU), balloon %s (wall) %s (CPU); paging I/Os under none %s / %s\n",
			ratio(np, n), ratio(npc, nc), ratio(bp, b), ratio(bpc, bc), pion, sion
	}'
}
summary | tee "$T/summary.md"
echo "runs kept in $T"
exit $fail
