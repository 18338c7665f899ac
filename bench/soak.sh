#!/bin/bash
# soak.sh - `make soak` (not in CI): randomized fleets under every memory
# policy, overcommitted, round after round for SOAK_SECONDS (default
# 1800). Every guest checks every page it reads back; the host checks
# every page-in's checksum. At the end: the pages each path moved
# (discard, page-out, page-in, balloon, guest disk, double paging, and
# sharing where the results have it) and everything that went wrong
# (a page not as written, a host panic, a hang, a leaked frame).
# Usage: bench/soak.sh [SECONDS] [REPORT.md]; ZCMM=path picks the binary.
set -u
cd "$(dirname "$0")/.." || exit 1
Z=${ZCMM:-build/bin/zcmm}
secs=${1:-${SOAK_SECONDS:-1800}}
report=${2:-}
seed0=${SOAK_SEED:-$(date +%s)}
round_s=${SOAK_ROUND:-20}
[ -x "$Z" ] || { echo "soak: $Z not built (make all)" >&2; exit 1; }
T=$(mktemp -d "${TMPDIR:-/tmp}/zcmm-soak.XXXXXX")
trap 'rm -rf "$T"' EXIT
policies=(none hinting balloon balloon+hinting)
RANDOM=$((seed0 % 32768))
end=$(($(date +%s) + secs))
round=0
: >"$T/totals"
: >"$T/bad"

fleet() { # writes $T/fleet.conf, prints the guests' storage in MiB
	local n=$((4 + RANDOM % 7)) mem=0 i w m
	: >"$T/fleet.conf"
	for ((i = 0; i < n; i++)); do
		case $((RANDOM % 6)) in
		0) m=2; w="workload=random ws=$((200 + RANDOM % 280)) iters=$((20000 + RANDOM % 40000))" ;;
		1) m=$((1 + RANDOM % 2)); w="workload=churn" ;;
		2) m=2; w="workload=phases phases=$((4 + RANDOM % 8))" ;;
		3) m=2; w="workload=anon phases=2 iters=$((1 + RANDOM % 3))" ;;
		4) m=2; w="workload=fileserve" ;;
		5) m=1; w="workload=disktest" ;;
		esac
		echo "guest g$i mem=${m}M $w seed=$RANDOM$RANDOM" >>"$T/fleet.conf"
		mem=$((mem + m))
	done
	echo "$mem"
}

while [ "$(date +%s)" -lt "$end" ]; do
	pol=${policies[$((round % 4))]}
	mem=$(fleet)
	pct=$((30 + RANDOM % 31))
	storage=$((7 + mem * pct / 100))
	"$Z" run --quiet --policy "$pol" --seed "$((seed0 + round))" \
		--storage "${storage}M" --duration "$round_s" \
		--timeout $((round_s + 180)) --results "$T/res" \
		"$T/fleet.conf" >"$T/out" 2>&1
	st=$?
	round=$((round + 1))
	# 0 all verified; 1 a guest failed (which is looked at below)
	if [ $st != 0 ] && [ $st != 1 ]; then
		echo "round $round ($pol, seed $((seed0 + round - 1))): zcmm exit $st" >>"$T/bad"
		cp "$T/fleet.conf" "$T/bad-fleet-$round.conf"
		tail -5 "$T/out" | sed 's/^/    /' >>"$T/bad"
		[ -s "$T/res" ] || continue
	fi
	awk -F'\t' -v r="$round" -v pol="$pol" -v bad="$T/bad" '
		NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		$1 == "guest" && $c["status"] != 0 && $c["status"] != 768 {
			printf "round %d (%s): guest %s (%s) status %s%s\n", r, pol,
				$c["name"], $c["id"], $c["status"],
				$c["status"] == 1 ? " PAGE NOT AS WRITTEN" : "" >>bad }
		$1 == "total" && $2 == "all" {
			sh = 0   # pages merged by content sharing, where it runs
			if ("share_merged" in c) sh += $c["share_merged"]
			if ("zero_merged" in c) sh += $c["zero_merged"]
			print pol, $c["discard_u"] + $c["discard_v"] + $c["discard_p"],
				$c["pageouts"], $c["pageins"],
				$c["inflated"] + $c["deflated"], $c["disk_reads"],
				$c["disk_writes"], $c["double_paging"], sh,
				$c["checksum_errors"], $c["frames_leaked"],
				$c["guests"], $c["touched"] }' "$T/res" >>"$T/totals"
	printf 'soak: round %d (%s, %d MiB of guests in %d MiB) exit %d\n' \
		"$round" "$pol" "$mem" "$storage" "$st" >&2
done

summary() {
	echo "# Soak: $round rounds, $secs s, seed $seed0"
	echo
	echo "Each round: a random fleet of 4-10 guests (random, churn, phases,"
	echo "anon, fileserve, disktest; 1-2 MiB each), its storage 30-60% of the"
	echo "guests' plus the host's own, for at most ${round_s} s; the memory"
	echo "policy goes round none, hinting, balloon, balloon+hinting."
	echo
	awk '
	{ p[$1]++; for (i = 2; i <= 13; i++) { s[$1, i] += $i; t[i] += $i } }
	END {
		printf "| policy | rounds | discarded | paged out | paged in | balloon | disk read | disk written | double paging | shared | moved |\n"
		printf "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
		n = split("none hinting balloon balloon+hinting", names, " ")
		for (k = 1; k <= n; k++) {
			q = names[k]; if (!p[q]) continue
			m = 0; for (i = 2; i <= 9; i++) if (i != 8) m += s[q, i]
			printf "| %s | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d |\n", q, p[q],
				s[q,2], s[q,3], s[q,4], s[q,5], s[q,6], s[q,7], s[q,8], s[q,9], m
		}
		m = 0; for (i = 2; i <= 9; i++) if (i != 8) m += t[i]
		printf "| all | %d | %d | %d | %d | %d | %d | %d | %d | %d | **%d** |\n", NR,
			t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9], m
		printf "\nPages moved: %d (discards, page-outs, page-ins, balloon pages, guest disk blocks, shared).\n", m
		printf "Guests run: %d; pages they touched: %d.\n", t[12], t[13]
		printf "Page-in checksum errors: %d. Frames leaked: %d.\n", t[10], t[11]
	}' "$T/totals"
	echo
	if [ -s "$T/bad" ]; then
		echo "## What went wrong"
		echo
		sed 's/^/    /' "$T/bad"
	else
		echo "Nothing went wrong: every guest verified every page it read back"
		echo "(none exited with \"page not as written\"), no page-in checksum"
		echo "failed, no host panicked or hung, no frame leaked."
	fi
}
if [ -n "$report" ]; then summary | tee "$report"; else summary; fi
[ ! -s "$T/bad" ]
