# tap.sh - shared by the system tests (sourced, bash): TAP output and
# access to a run's results.
#   ok STATUS DESCRIPTION      one TAP line; STATUS 0 is a pass; the first
#                              failure after a zrun prints that run's
#                              output as TAP diagnostics (# lines)
#   zrun ARGS...               run build/bin/zcmm run ARGS; sets $status,
#                              output in $T/out (of the attempt that
#                              finished), results TSV in $T/res,
#                              Hercules's whole output in $T/hlog; a
#                              Hercules crash (zcmm retried) is reported
#                              as a TAP diagnostic
#   field ID KEY               a column of the results row with that id
#   selftest_tap FILE          PASS:/FAIL: lines of FILE as TAP lines
#   done_testing               the plan; exit status 1 if anything failed
cd "$(dirname "$0")/../.." || exit 1
Z=$PWD/build/bin/zcmm
G=$PWD/build/tests/guests
T=$(mktemp -d "${TMPDIR:-/tmp}/zcmm-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
n=0
fail=0
shown=1

ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		fail=1
		show_run
	fi
}

# The output of the last run, once, so a failure can be diagnosed from
# the test's log alone (the run directory is gone by then).
show_run() {
	[ "$shown" = 0 ] && [ -s "$T/all" ] || return 0
	shown=1
	echo "# zcmm run exited $status; its output (last 80 lines):"
	tail -n 80 "$T/all" | sed 's/^/#   /'
	# what zcmm hides: Hercules's own messages (a flake of Hercules's,
	# a lost line, its shutdown) and where the host's lines ended
	[ -s "$T/hlog" ] || return 0
	echo "# Hercules's own messages and the host's last line (--log):"
	grep -a '^zcmm:' "$T/hlog" | tail -n 1 | sed 's/^/#   /'
	grep -av '^zcmm:' "$T/hlog" | tail -n 25 | sed 's/^/#   /'
}

zrun() {
	rm -f "$T/hlog"
	"$Z" run --quiet --log "$T/hlog" --results "$T/res" "$@" >"$T/all" 2>&1
	status=$?
	shown=0
	# a Hercules crash is no test failure: zcmm ran the job again; say so
	grep 'Hercules crashed' "$T/all" | sed 's/^/# /'
	# Hercules 3.13 crashes now and then by itself and zcmm runs the job
	# again: judge the attempt that finished, not the ones before it
	awk '/running it again \(attempt/ { n = NR } { line[NR] = $0 }
	     END { for (i = n + 1; i <= NR; i++) print line[i] }' \
		"$T/all" >"$T/out"
}

field() {
	awk -F'\t' -v id="$1" -v key="$2" '
		NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
		$2 == id { print $col[key]; exit }' "$T/res"
}

selftest_tap() {
	local line
	while IFS= read -r line; do
		case "$line" in
		"PASS: "*) ok 0 "${line#PASS: }" ;;
		"FAIL: "*) ok 1 "${line#FAIL: }" ;;
		esac
	done <"$1"
}

# guest_checks NAME MIN: guest NAME's console lines, its "[NAME] " cut,
# into $T/NAME.checks; their PASS/FAIL lines as checks of this test, and
# one more that at least MIN passed (a walk cut short fails here)
guest_checks() {
	local passed    # not n: ok() counts in it
	sed -n "s/^\[$1\] //p" "$T/out" >"$T/$1.checks"
	selftest_tap "$T/$1.checks"
	passed=$(grep -c '^PASS: ' "$T/$1.checks")
	[ "$passed" -ge "$2" ]
	ok $? "guest $1 made at least $2 checks ($passed passed)"
}

# need_files WHAT FILE...: one failing check naming WHAT, and the test's
# end, unless every FILE is there (a build step not run)
need_files() {
	local what=$1 f
	shift
	for f; do
		[ -f "$f" ] || { ok 1 "$what"; done_testing; }
	done
}

done_testing() {
	echo "1..$n"
	exit $fail
}
