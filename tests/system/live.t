#!/bin/bash
# live.t - zcmm run --live in a real terminal (tmux): the header with the
# host's free frames, reclaim and paging I/O; a row per guest with its bar
# of pages by state, frames and rates; a resize redrawn to the new width;
# q closes the view while the run goes on; the result table at the end.
cd "$(dirname "$0")/../.." || exit 1
n=0; fail=0
ok() { n=$((n+1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fail=1; fi; return "$1"; }
command -v tmux >/dev/null || { echo "1..0 # SKIP tmux missing (make deps installs it)"; exit 0; }
T=$(mktemp -d /tmp/live-t.XXXXXX)
S="tmux -L zcmm-live-$$ -f /dev/null"
trap '$S kill-server 2>/dev/null; rm -rf "$T"' EXIT
screen() { $S capture-pane -p -t live >"$T/screen" 2>/dev/null; }
# wait_for REGEX [SECONDS]: until the screen shows it
wait_for() {
	for i in $(seq $((${2:-60} * 5))); do
		screen; grep -qE "$1" "$T/screen" && return 0; sleep 0.2
	done
	return 1
}
show() { sed 's/^/# /' "$T/screen"; }

$S new-session -d -s live -x 132 -y 30 \
	"TMPDIR=$T build/bin/zcmm run --live --guests 3 --workload random --ws 200 --iters 10000000 --duration 8 --progress 500 --results $T/res.tsv; echo EXIT=\$?; sleep 60"
wait_for '^g2 +[SozV.vP-]{20,} +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+' 90; ok $? "a row per guest: name, bar of pages by state, frames, rates"
[ $? = 0 ] || show
head -5 "$T/screen" | tr '\n' ' ' | grep -qE "host: [0-9]+ frames free \| paging I/O in flight [0-9]+ +reclaim/s: discard unused [0-9]+, discard volatile [0-9]+, +discard clean pot-volatile [0-9]+, +page-out [0-9]+, +balloon [0-9]+, +sharing merge [0-9]+ "
ok $? "header: free frames, paging I/O in flight, reclaim by every mechanism"
[ $? = 0 ] || show
grep -qE "^g0 " "$T/screen" && grep -qE "^g1 " "$T/screen"; ok $? "every guest of a fleet that fits"
$S capture-pane -e -p -t live | grep -a "^g0 " | grep -qaE $'\e\\[(48;5;31|44)mS'
ok $? "the bar in the states' colours (Sr: the plots' blue, or blue on 8 colours)"
grep -q "S=Sr o=Sp z=Sz -=Ur .=Uz V=Vr v=Vz P=Pr" "$T/screen"; ok $? "legend of the states"
g0=$(grep -E "^g0 " "$T/screen" | awk '{print $3}')
[ "${g0:-0}" -gt 0 ]; ok $? "g0 holds frames ($g0)"
wait_for '^g0 .* [1-9][0-9]* +[0-9]+ +[0-9]+$' 20; ok $? "a work rate above 0 once two samples came"

$S resize-window -t live -x 90 -y 20 2>/dev/null || $S refresh-client -C 90,20
sleep 1.5; screen
w=$(awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }' "$T/screen")
[ "$w" -le 90 ] && grep -qE "^g2 +[SozV.vP-]+ " "$T/screen"; ok $? "resized to 90 columns: redrawn to fit (widest line $w)"
[ $? = 0 ] || show

$S send-keys -t live q
wait_for '^EXIT=' 60; ok $? "the run went on after q and ended"
[ $? = 0 ] || show
grep -q '^EXIT=0' "$T/screen"; ok $? "exit status 0"
$S capture-pane -p -S -2000 -t live >"$T/screen"   # with what scrolled away
grep -q "^zcmm host starting" "$T/screen" && grep -q "^\[g0\] " "$T/screen"
ok $? "the host's text lines, held while the view was up, printed after it"
grep -qE "^all +- " "$T/screen"; ok $? "the result table follows (its total row)"; [ $? = 0 ] || show
! grep -q "gsample\|hsample" "$T/res.tsv"; ok $? "the view's samples are not kept in --results"
ls -d "$T"/zcmm-run.* >/dev/null 2>&1; [ $? != 0 ]; ok $? "run directory removed"

# A fake Hercules playing the records the host would send: the header's
# figures are known, and a record the run cannot have sent makes zcmm warn
# while the view is up. The warning shows on the view's last line instead
# of being written over the screen, and reaches stderr when the view ends.
mkdir "$T/data"
printf '\0\10\0\0\200\1\0\0' >"$T/data/ipl-psw.bin"
printf 'HOST' >"$T/data/zcmm-host.bin"
{ printf '\177ELF\2\2\1\0\0\0\0\0\0\0\0\0\0\2\0\26'; head -c 44 /dev/zero; } >"$T/data/zcmm-guest.elf"
cat >"$T/hercules" <<'FAKE'
#!/bin/bash
n=0
say() { printf 'zcmm:%06d %s\n' $n "$*"; n=$((n + 1)); }
say "zcmm host starting"
for k in $(seq 0 16); do
	[ $k = 6 ] && say "@result guest id=7 work=1"
	say "@result gsample id=t${k}g0 t_ms=$((k * 1000)) guest=0 run=1 work=$((k * 100)) frames=50 dfaults=0 pageins=0 Sr=40 Ur=10"
	say "@result hsample id=t$k t_ms=$((k * 1000)) frames_free=777 discard_u=$((k * 11)) discard_v=$((k * 12)) discard_p=$((k * 13)) pageouts=$((k * 14)) released=$((k * 15)) merged=$((k * 16)) io=3"
	sleep 0.5
done
say "@result guest id=0 work=1600"
say "@result total id=all work=1600"
say "@exit 0"
FAKE
chmod +x "$T/hercules"
$S new-session -d -s fake -x 132 -y 20 \
	"ZCMM_DATADIR=$T/data TMPDIR=$T build/bin/zcmm run --live --guests 1 --hercules $T/hercules; echo EXIT=\$?; sleep 60"
fake() { $S capture-pane -p -t fake >"$T/screen" 2>/dev/null; }
for i in $(seq 100); do fake; grep -q "rejected" "$T/screen" && break; sleep 0.2; done
head -5 "$T/screen" | tr '\n' ' ' | grep -qE "host: 777 frames free \| paging I/O in flight 3 +reclaim/s: discard unused 11, discard volatile 12, +discard clean pot-volatile 13, +page-out 14, +balloon 15, +sharing merge 16 "
ok $? "header: the host's figures, a rate for every mechanism"
[ $? = 0 ] || show
[ "$(grep -c rejected "$T/screen")" = 1 ] && tail -1 "$T/screen" | grep -q "^zcmm: host record rejected (for a guest the run does not have)"
ok $? "a warning while the view is up: on its last line only"
[ $? = 0 ] || show
head -1 "$T/screen" | grep -q "^zcmm run: fleet of 1 guest" && grep -qE "^g0 +S+-+ +50 +100 " "$T/screen"
ok $? "the rest of the screen intact (title, guest row)"
[ $? = 0 ] || show
for i in $(seq 100); do fake; grep -q "^EXIT=" "$T/screen" && break; sleep 0.2; done
$S capture-pane -p -S -200 -t fake >"$T/screen"
grep -q "^zcmm: host record rejected" "$T/screen" && grep -q "^EXIT=4" "$T/screen"
ok $? "the warning printed when the view ended (exit status 4: a rejected record)"
[ $? = 0 ] || show

# a fleet larger than the window: as many rows as fit, the busiest first
$S new-session -d -s small -x 120 -y 14 \
	"TMPDIR=$T build/bin/zcmm run --live --guests 12 --workload random --ws 100 --iters 10000000 --duration 6 --progress 500; sleep 60"
for i in $(seq 300); do
	$S capture-pane -p -t small >"$T/small" 2>/dev/null
	[ "$(grep -cE '^g[0-9]+ +[SozV.vP-]+ +[0-9]+ +[1-9]' "$T/small")" -ge 2 ] && break; sleep 0.2
done
rows=$(grep -cE '^g[0-9]+ ' "$T/small")
fit=$((14 - $(grep -n '^guest ' "$T/small" | cut -d: -f1) - 1))   # under the header, above the message line
[ "$rows" = "$fit" ] && [ "$fit" -ge 6 ]; ok $? "12 guests in 14 lines: the $fit rows that fit ($rows)"
[ $? = 0 ] || sed 's/^/# /' "$T/small"
grep -E '^g[0-9]+ ' "$T/small" | awk '{ print $4 + $5 + $6 }' >"$T/busy"
sort -rn "$T/busy" | cmp -s - "$T/busy"; ok $? "the busiest first (work+faults+page-ins/s: $(tr '\n' ' ' <"$T/busy"))"
echo "1..$n"
exit $fail
