#!/bin/bash
# docs-commands.t - every command of README.md and docs/*.md shown in a
# code block that starts with `zcmm` or `build/bin/zcmm` works as
# written: a runnable line runs and exits 0 (shrunk: at most 4 guests of
# --guests, short workloads, a small my-fleet.conf); a synopsis line
# (OPTIONS, SCENARIO, ...) names a command and options that exist.
cd "$(dirname "$0")/../.." || exit 1
R=$PWD
Z=$R/build/bin/zcmm
n=0; fail=0
ok() { n=$((n+1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fail=1; fi; return "$1"; }
T=$(mktemp -d /tmp/docs-commands.XXXXXX); trap 'rm -rf "$T"' EXIT
export TMPDIR=$T
printf 'guest web count=2 workload=random\nguest nap workload=idle\n' >"$T/my-fleet.conf"

for f in README.md docs/*.md; do
	awk '/^```/ { inb = !inb; first = 1; next }
	     inb && first && NF { first = 0; take = ($1 == "zcmm" || $1 == "build/bin/zcmm") }
	     inb && take && ($1 == "zcmm" || $1 == "build/bin/zcmm") { print }' "$f" |
	sed 's/[[:space:]]*#.*//; s/[[:space:]]*$//' | while IFS= read -r line; do echo "$f	$line"; done
done >"$T/commands"
[ "$(wc -l <"$T/commands")" -ge 5 ]; ok $? "commands found in the docs ($(wc -l <"$T/commands"))"

while IFS=$'\t' read -r file line; do
	set -- $line; shift; sub=$1
	if echo "$line" | grep -qE '\[|\b[A-Z]{3,}\b'; then
		# a synopsis: the command and its --options exist
		help=$($Z $sub --help 2>&1); st=$?
		missing=
		for o in $(echo "$line" | grep -o -- '--[a-z][a-z-]*'); do
			echo "$help" | grep -q -- "$o\b" || missing="$missing $o"
		done
		[ $st = 0 ] && [ -z "$missing" ]
		ok $? "$file: '$line': zcmm $sub and its options exist${missing:+ (missing:$missing)}"
		continue
	fi
	args=$(echo "$line" | sed -E 's/^(build\/bin\/)?zcmm //')
	if [ "$sub" = run ]; then
		args=$(echo "$args" | sed -E 's/--guests [0-9]*[5-9][0-9]*|--guests [1-9][0-9]+/--guests 4/')
		args="$args --iters 100 --ms 50 --no-live --timeout 300"
	fi
	(cd "$T" && $Z $args >"$T/out" 2>&1); st=$?
	ok $st "$file: '$line' exits 0 (ran: zcmm $args)"
	[ $st = 0 ] || tail -20 "$T/out" | sed 's/^/# /'
	case "$line" in *--results\ out.tsv*)
		[ -s "$T/out.tsv" ] && head -1 "$T/out.tsv" | grep -q "^kind"; ok $? "... and wrote out.tsv";;
	esac
done <"$T/commands"
echo "1..$n"
exit $fail
