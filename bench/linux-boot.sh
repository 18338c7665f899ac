#!/bin/bash
# linux-boot.sh - the small Linux kernel (make linux) booting to its
# /init under zcmm and on bare Hercules: the same kernel, initramfs,
# command line and storage; wall time from starting each until Linux
# powered off (SIGP stop after /init's work: Hercules logs it, zcmm ends
# the guest), best of RUNS, and their ratio (target: zcmm at most 1.5 times
# bare). Then what ESSA costs the boot: the same boot under zcmm with
# --no-essa (Linux's CMMA off), the difference in the guest's time as a
# share of the hinting boot (a difference of two timed runs: on a busy
# machine it drowns in noise, read it from an idle one), and the ESSA
# count by code with its share of the boot's SIE exits.
# Usage: bench/linux-boot.sh [RUNS]   (default 3)
set -u
cd "$(dirname "$0")/.." || exit 1
runs=${1:-3}
make -s all linux >/dev/null || exit 1
Z=$PWD/build/bin/zcmm
K=$PWD/build/linux/small/bzImage
I=$PWD/build/linux/initramfs.cpio.gz
MEM=16                       # MiB, both
INITRD_AT=$((8 << 20))       # bare Hercules: where the .ins puts it
CMD="rdinit=/init"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
now() { date +%s.%N; }
be64() { perl -e 'print pack("Q>", $ARGV[0])' "$1"; }

# --- bare Hercules: an IPL from a .ins file, the line-mode console ----
mkdir "$tmp/bare"
cp "$K" "$tmp/bare/kernel"
cp "$I" "$tmp/bare/initrd"
be64 "$INITRD_AT" >"$tmp/bare/initrd_start"
be64 "$(stat -c %s "$I")" >"$tmp/bare/initrd_size"
printf '%s\0' "$CMD" >"$tmp/bare/cmdline"
cat >"$tmp/bare/hercules.cnf" <<CNF
ARCHMODE  z/Arch
MAINSIZE  $MEM
NUMCPU    1
CPUMODEL  2817
PANRATE   SLOW
000C      3505
CNF
cat >"$tmp/bare/load.ins" <<INS
kernel 0x00000000
initrd $(printf '0x%08x' $INITRD_AT)
initrd_start 0x00010408
initrd_size 0x00010410
cmdline 0x00010480
INS
printf "ostailor quiet\npgmtrace -1\nipl load.ins\n" >"$tmp/bare/hercules.rc"

# Seconds from starting a command (in its own process group, in dir $2)
# until its output has a line with $1; the group is ended then.
time_to() {
	local pat=$1 dir=$2 t0 t1 pid
	shift 2
	t0=$(now)
	(cd "$dir" && exec setsid "$@") >"$dir/out.log" 2>&1 </dev/null &
	pid=$!
	while kill -0 "$pid" 2>/dev/null && ! grep -qF "$pat" "$dir/out.log"; do
		sleep 0.05
	done
	t1=$(now)
	grep -qF "$pat" "$dir/out.log" &&
		awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f\n", b - a }'
	kill -- -"$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
}

# Hercules writes its log through stdio: line-buffered, or the line
# comes only at its end; stdin stays open, or it quits at once; no
# timeout(1), which would leave the process group time_to ends
bare_once() {
	time_to "SIGP Stop (05)" "$tmp/bare" bash -c \
		'sleep 300 | stdbuf -oL -eL hercules -d -f hercules.cnf'
}

cat >"$tmp/lx.fleet" <<FLEET
guest lx mem=${MEM}M kernel=$K initrd=$I cmdline="$CMD"
FLEET
mkdir "$tmp/zcmm"
zcmm_once() {
	time_to "1 guests ran" "$tmp/zcmm" "$Z" run "$tmp/lx.fleet" \
		--timeout 300
}

best() { sort -n | head -1; }
bare=$(for r in $(seq "$runs"); do bare_once; done | best)
zc=$(for r in $(seq "$runs"); do zcmm_once; done | best)
echo "boot, /init and power-off, best of $runs: bare Hercules ${bare:-?} s, zcmm ${zc:-?} s"
awk -v a="$bare" -v b="$zc" 'BEGIN { if (a > 0 && b > 0)
	printf "zcmm / bare: %.2f (target <= 1.5)\n", b / a }'

# --- what the ESSAs cost: hinting against --no-essa, in guest time ---
for mode in hinting no-essa; do
	for r in $(seq "$runs"); do
		opt=; [ $mode = no-essa ] && opt=--no-essa
		"$Z" run --quiet "$tmp/lx.fleet" $opt --timeout 300 \
			--results "$tmp/$mode.$r.tsv" >/dev/null 2>&1
	done
done
med() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# the guest's own time: the run's guest_us for its one guest
hint=$(for r in $(seq "$runs"); do awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$1 == "total" { print $c["guest_us"] }' "$tmp/hinting.$r.tsv"; done | med)
none=$(for r in $(seq "$runs"); do awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$1 == "total" { print $c["guest_us"] }' "$tmp/no-essa.$r.tsv"; done | med)
awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$1 == "total" { e = $c["essa_extract"] + $c["essa_stable"] + $c["essa_unused"]
		printf "ESSA during the boot: extract %d, stable %d, unused %d: %.0f%% of its %d SIE exits\n",
		$c["essa_extract"], $c["essa_stable"], $c["essa_unused"],
		100 * e / $c["sie"], $c["sie"] }' \
	"$tmp/hinting.1.tsv"
awk -v h="$hint" -v n="$none" 'BEGIN { if (h > 0)
	printf "guest time to power-off (median): hinting %.2f s, --no-essa %.2f s: ESSA interceptions %.0f%% of the boot\n",
		h / 1e6, n / 1e6, 100 * (h - n) / h }'
