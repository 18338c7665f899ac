#!/bin/bash
# cli-stream.t - zcmm run against a fake Hercules (a script printing what
# Hercules would): the run directory it is given, text/@exit/@result/
# @progress handling, results table and TSV, sequence gaps, Hercules
# errors, no @exit, timeout. Needs no real host: a fake data directory.
cd "$(dirname "$0")/../.." || exit 1
Z=$PWD/build/bin/zcmm
T=$(mktemp -d /tmp/cli-stream.XXXXXX); trap 'rm -rf "$T"' EXIT
n=0; fail=0
ok() { n=$((n+1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fail=1; fi; }

# fake data files: the guest kernel must be an s390x ELF64 executable header
mkdir "$T/data"
printf '\0\10\0\0\200\1\0\0' >"$T/data/ipl-psw.bin"
printf 'HOST' >"$T/data/zcmm-host.bin"
printf '\177ELF\2\2\1\0\0\0\0\0\0\0\0\0\0\2\0\26' >"$T/data/zcmm-guest.elf"
head -c 44 /dev/zero >>"$T/data/zcmm-guest.elf"
export ZCMM_DATADIR=$T/data TMPDIR=$T

# The fake Hercules: checks how it was started, then plays $FAKE.
cat >"$T/hercules" <<'FAKE'
#!/bin/bash
[ "$*" = "-d -f hercules.cnf" ] || { echo "HHCXX999S bad args: $*"; exit 1; }
[ "$HERCULES_RC" = hercules.rc ] || { echo "HHCXX998S bad HERCULES_RC"; exit 1; }
for f in hercules.cnf hercules.rc load.ins boot.bin ipl-psw.bin zcmm-host.bin; do
	[ -f $f ] || { echo "HHCXX997S missing $f"; exit 1; }
done
[ -n "$FAKE_DUMP" ] && { mkdir -p "$FAKE_DUMP"; cp * "$FAKE_DUMP"/; }
echo "Hercules Version 3.13"
echo "HHCCP007I CPU0000 architecture mode set to z/Arch"
while IFS= read -r l; do
	case "$l" in
	sleep*) sleep ${l#sleep } ;;
	crash) kill -SEGV $$ ;;
	once*) set -- ${l#once }; f=$1; shift; [ -e "$f" ] || echo "$*" ;;
	crashonce*) f=${l#crashonce }; [ -e "$f" ] || { : >"$f"; kill -SEGV $$; } ;;
	glibconce*) f=${l#glibconce }; [ -e "$f" ] || { : >"$f"; echo "double free or corruption (out)"; exit 0; } ;;
	*) printf '%s\n' "$l" ;;
	esac
done <"$FAKE"
echo "HHCIN099I Hercules terminated"
FAKE
chmod +x "$T/hercules"
H="--hercules $T/hercules"

cat >"$T/good" <<'EOF2'
zcmm:000000 zcmm host starting
zcmm:000001 @progress t=1 work=5
zcmm:000002 hello from the host
zcmm:000003 @result guest id=0 work=10 essa=3
zcmm:000004 @result guest id=1 work=7 essa=1
HHCXX001I some noise
zcmm:000005 @result guest id=0 faults=2
zcmm:000006 @result total work=17 essa=4 faults=2
zcmm:000007 @exit 0
EOF2
FAKE=$T/good FAKE_DUMP=$T/dump $Z run $H --guests 2 --seed 9 --results "$T/res.tsv" --log "$T/raw.log" >"$T/out" 2>"$T/err"
ok $? "good run exits 0 (err: $(cat $T/err))"
grep -qx "zcmm host starting" "$T/out" && grep -qx "hello from the host" "$T/out"
ok $? "host text lines printed without their tag"
! grep -q "zcmm:0\|@result\|@exit\|HHCXX001I\|Hercules Version" "$T/out" "$T/err"
ok $? "tags, records and Hercules noise hidden"
grep -q "^progress .*t=1 work=5" "$T/out"; ok $? "progress printed as a plain line (not a terminal)"
grep -q "^guest  work  essa  faults$" "$T/out"; ok $? "result table header"
grep -q "^0        10     3       2$" "$T/out"; ok $? "merged guest row, numbers right-aligned"
grep -q "^total    17     4       2$" "$T/out"; ok $? "total row"
printf 'kind\tid\twork\tessa\tfaults\nguest\t0\t10\t3\t2\nguest\t1\t7\t1\t\ntotal\t\t17\t4\t2\n' | cmp -s - "$T/res.tsv"
ok $? "--results TSV"
grep -q "HHCXX001I some noise" "$T/raw.log" && grep -q "zcmm:000007 @exit 0" "$T/raw.log"
ok $? "--log has the raw output"
ls -d "$T"/zcmm-run.* >/dev/null 2>&1; [ $? != 0 ]; ok $? "run directory removed"

# what the fake Hercules was given
grep -q "^MAINSIZE  21$" "$T/dump/hercules.cnf"; ok $? "MAINSIZE auto: (16 + 1 image + 2 guests) MiB + 10% -> 21"
printf 'storage 64M\nguest a\n' >"$T/st.conf"
d=$($Z run "$T/st.conf" --dry-run --storage 48M) && grep -q "^MAINSIZE  48$" "$d/hercules.cnf"
ok $? "a command-line setting (--storage 48M) over the fleet file's (64M)"
rm -rf "$d"
grep -q "^NUMCPU    1$" "$T/dump/hercules.cnf" && grep -q "^DIAG8CMD  ENABLE$" "$T/dump/hercules.cnf" && grep -q "^ARCHMODE  z/Arch$" "$T/dump/hercules.cnf"
ok $? "cnf: NUMCPU, DIAG8CMD, ARCHMODE"
! grep -v '^#' "$T/dump/hercules.cnf" | grep -qi "3270\|3215\|1052\|CNSLPORT\|HTTPPORT"; ok $? "cnf: no console device, no port"
grep -q "^pgmtrace -1$" "$T/dump/hercules.rc" && tail -1 "$T/dump/hercules.rc" | grep -q "^ipl load.ins$"
ok $? "rc: pgmtrace -1 ... ipl load.ins"
printf '%s\n' "ipl-psw.bin 0x0" "zcmm-host.bin 0x10000" "boot.bin 0x400000" "image0.elf 0x500000" | cmp -s - <(grep -v '^\*' "$T/dump/load.ins")
ok $? "load.ins: psw, host, boot block, one image"
[ "$(stat -c %s "$T/dump/boot.bin")" = 544 ]; ok $? "boot.bin: header + 2 guests + the memory table (32 + 2 x 32) + the sharing table of 2 domains (32 + 2 x 16) = 544 bytes"
[ "$(od -An -tx1 -N8 "$T/dump/boot.bin" | tr -d ' ')" = 7a636d6d424f4f54 ]; ok $? "boot.bin starts with the magic"
[ "$(od -An -c -j128 -N2 "$T/dump/boot.bin" | tr -d ' ')" = g0 ]; ok $? "first guest g0"
cmp -s "$T/dump/image0.elf" "$T/data/zcmm-guest.elf"; ok $? "guest kernel copied in"

# the host's status passes through
printf 'zcmm:000000 x\nzcmm:000001 @exit 70\n' >"$T/panic"
FAKE=$T/panic $Z run $H >"$T/out" 2>"$T/err"; [ $? = 70 ]; ok $? "@exit 70 -> exit 70"

# a lost line: error at the end, non-zero exit
printf 'zcmm:000000 a\nzcmm:000001 b\nzcmm:000004 c\nzcmm:000005 @exit 0\n' >"$T/gap"
FAKE=$T/gap $Z run $H >"$T/out" 2>"$T/err"; st=$?
[ $st = 4 ]; ok $? "lost host lines -> exit 4 (got $st)"
grep -q "^zcmm: error: 2 host line(s) lost in 1 gap(s) (first: expected zcmm:000002, got zcmm:000004)" "$T/err"
ok $? "gap reported ($(cat $T/err))"

# Hercules errors are shown, its other messages are not
printf 'HHCCF004S No device records in file hercules.cnf\nHHCIN900I Begin shutdown\n' >"$T/herr"
FAKE=$T/herr $Z run $H >"$T/out" 2>"$T/err"; st=$?
[ $st = 3 ]; ok $? "no @exit -> exit 3 (got $st)"
grep -qx "hercules: HHCCF004S No device records in file hercules.cnf" "$T/err"; ok $? "HHC...S shown with 'hercules: '"
! grep -q HHCIN900I "$T/err" "$T/out"; ok $? "HHC...I hidden"
grep -q "^zcmm: Hercules ended (exit status 0) without any line from the host" "$T/err"; ok $? "clear line for no host output"
printf 'zcmm:000000 booting\nzcmm:000001 working\n' >"$T/noexit"
FAKE=$T/noexit $Z run $H >"$T/out" 2>"$T/err"; st=$?
[ $st = 3 ] && grep -q "^zcmm: Hercules ended (exit status 0) without an @exit line from the host (last host line: 'working')" "$T/err"
ok $? "ended without @exit: exit 3, last host line named"
# every guest and the totals reported, then Hercules ends without @exit
printf 'zcmm:000000 a\nzcmm:000001 @result guest id=0 work=1\nzcmm:000002 @result guest id=1 work=2\nzcmm:000003 @result total id=all work=3\n' >"$T/allbutexit"
FAKE=$T/allbutexit $Z run $H --guests 2 >"$T/out" 2>"$T/err"; st=$?
[ $st = 3 ] && grep -q "^zcmm: Hercules ended (exit status 0) before the host's @exit line, after the host had reported all 2 guests and the totals: the results above are complete" "$T/err"
ok $? "every guest reported but no @exit: said so ($(cat "$T/err"))"

# zcmm killed by SIGKILL: its guard removes the run directory and ends Hercules
rm -rf "$T"/zcmm-run.*
printf 'zcmm:000000 a\nsleep 60\n' >"$T/slow"
FAKE=$T/slow $Z run $H --guests 1 >"$T/out" 2>"$T/err" &
zp=$!
for i in $(seq 50); do ls -d "$T"/zcmm-run.* >/dev/null 2>&1 && grep -q "^a$" "$T/out" && break; sleep 0.1; done
kill -KILL $zp; wait $zp 2>/dev/null
for i in $(seq 50); do ls -d "$T"/zcmm-run.* >/dev/null 2>&1 || break; sleep 0.1; done
! ls -d "$T"/zcmm-run.* >/dev/null 2>&1; ok $? "SIGKILLed zcmm: run directory removed"
for i in $(seq 50); do pgrep -f "$T/hercules" >/dev/null || break; sleep 0.1; done
! pgrep -f "$T/hercules" >/dev/null
ok $? "SIGKILLed zcmm: Hercules ended too"

# a fleet file's storage too small names its file:line; a directory is no fleet file
printf 'storage 1M\nguest a\n' >"$T/small.conf"
$Z run --dry-run "$T/small.conf" >"$T/out" 2>"$T/err"; [ $? = 2 ] && grep -q "^zcmm: $T/small.conf:1: storage 1 MiB is too small" "$T/err"
ok $? "storage too small: file:line ($(cat "$T/err"))"
mkdir -p "$T/adir"
$Z run --dry-run "$T/adir" >"$T/out" 2>"$T/err"; [ $? = 2 ] && grep -qx "zcmm: $T/adir: a directory, not a file" "$T/err"
ok $? "a directory as the fleet file: refused ($(cat "$T/err"))"

# DASD: the file system must hold the planned volumes, before any file is made
rm -rf "$T"/zcmm-run.*
$Z run --dry-run --paging-size 1T >"$T/out" 2>"$T/err"; [ $? = 2 ] && grep -q "^zcmm: the run needs 4096.0 GiB in $T (4 DASD volumes, the first of 1 TiB" "$T/err"
ok $? "volumes larger than the free space: refused ($(cat "$T/err"))"
! ls -d "$T"/zcmm-run.* >/dev/null 2>&1; ok $? "... before any file is made"
# a failing dasdinit: its own words in the error, no file named that is gone
printf '#!/bin/sh\necho "HHCDU044E Cannot create page0200.fba: No space left on device"\nexit 1\n' >"$T/dasdinit-bad"
chmod +x "$T/dasdinit-bad"
ZCMM_DASDINIT=$T/dasdinit-bad $Z run --dry-run >"$T/out" 2>"$T/err"; [ $? = 2 ] &&
	grep -q "^zcmm: $T/dasdinit-bad failed (status 1) making page0200.fba (.*): HHCDU044E Cannot create page0200.fba: No space left on device$" "$T/err"
ok $? "dasdinit failure: its message in the error ($(cat "$T/err"))"
! ls -d "$T"/zcmm-run.* >/dev/null 2>&1; ok $? "... and the run directory removed"
ZCMM_DASDINIT=$T/dasdinit-bad $Z run --dry-run --keep >"$T/out" 2>"$T/err"
d=$(sed -n 's/.*(run directory kept: \(.*\))$/\1/p' "$T/err"); [ -n "$d" ] && [ -d "$d" ]
ok $? "dasdinit failure with --keep: the kept directory named exists"
rm -rf "$T"/zcmm-run.*

# --verbose shows the noise
FAKE=$T/good $Z run $H --verbose >"$T/out" 2>"$T/err"
grep -q "^hercules: HHCXX001I some noise" "$T/err"; ok $? "--verbose shows Hercules noise"

# timeout
printf 'zcmm:000000 spinning\nsleep 30\n' >"$T/hang"
start=$SECONDS
FAKE=$T/hang $Z run $H --guests 20 --timeout 1 >"$T/out" 2>"$T/err"; st=$?
[ $st = 124 ]; ok $? "timeout -> exit 124 (got $st)"
grep -q "^zcmm: timeout: the host did not finish within 1 s (running: fleet of 20 guests" "$T/err"; ok $? "timeout line ($(cat $T/err))"
[ $((SECONDS - start)) -le 5 ]; ok $? "stopped promptly"
ls -d "$T"/zcmm-run.* >/dev/null 2>&1; [ $? != 0 ]; ok $? "run directory removed after a timeout"

# --keep prints the run directory; --dry-run writes it and starts nothing
FAKE=$T/good $Z run $H --keep >"$T/out" 2>"$T/err"
d=$(sed -n 's/^zcmm: run directory kept: //p' "$T/err"); [ -n "$d" ] && [ -f "$d/boot.bin" ]; ok $? "--keep keeps $d"
d=$($Z run --dry-run --guests 3 --storage 64M --cpus 1); [ -f "$d/load.ins" ] && grep -q "^MAINSIZE  64$" "$d/hercules.cnf" && grep -q "^NUMCPU    1$" "$d/hercules.cnf"
ok $? "--dry-run: run directory with --storage and --cpus"
printf 'guest a count=2\n' >"$T/two.conf"
d=$($Z run "$T/two.conf" --dry-run --storage=64M -- ); [ -f "$d/load.ins" ] && grep -q "^MAINSIZE  64$" "$d/hercules.cnf"
ok $? "options after the fleet file, --opt=value, -- (GNU convention)"
$Z run --dry-run --storage 4M >"$T/out" 2>"$T/err"; [ $? = 2 ] && grep -q "^zcmm: --storage 4 MiB is too small: the guest images end at 6 MiB" "$T/err"
ok $? "--storage smaller than the images: error"
# two runs at once get two directories
d1=$($Z run --dry-run); d2=$($Z run --dry-run); [ "$d1" != "$d2" ] && [ -d "$d1" ] && [ -d "$d2" ]; ok $? "two runs, two directories"

# Hercules 3.13 crashing by itself: the whole job runs again from scratch
rm -rf "$T"/zcmm-run.*
cat >"$T/crash1" <<EOF2
zcmm:000000 zcmm host starting
once $T/crashed1 zcmm:000001 @result guest id=0 work=999 junk=1
crashonce $T/crashed1
zcmm:000001 @result guest id=0 work=10
zcmm:000002 @result total work=10
zcmm:000003 @exit 0
EOF2
FAKE=$T/crash1 FAKE_DUMP=$T/dump1 $Z run $H --guests 1 --results "$T/res1.tsv" --log "$T/raw1.log" >"$T/out" 2>"$T/err"; st=$?
[ $st = 0 ]; ok $? "crash on the first start, finished on the second: exit 0 (got $st; $(cat $T/err))"
grep -qx "zcmm: Hercules crashed (killed by signal 11); running it again (attempt 2 of 3)" "$T/err"
ok $? "one clear line about the crash and the new attempt"
[ "$(grep -c "crashed" "$T/err")" = 1 ]; ok $? "only one crash line"
printf 'kind\tid\twork\nguest\t0\t10\ntotal\t\t10\n' | cmp -s - "$T/res1.tsv"
ok $? "--results only from the attempt that finished (no junk, no work=999)"
! grep -q "999\|junk" "$T/out"; ok $? "the table has nothing of the crashed attempt"
grep -q "Hercules crashed" "$T/raw1.log" && [ "$(grep -c "zcmm:000000 zcmm host starting" "$T/raw1.log")" = 2 ]
ok $? "--log keeps both attempts, with a marker between them"
ls -d "$T"/zcmm-run.* >/dev/null 2>&1; [ $? != 0 ]; ok $? "both run directories removed"

printf 'zcmm:000000 zcmm host starting\nglibconce %s\nzcmm:000001 @exit 0\n' "$T/crashed2" >"$T/crash2"
FAKE=$T/crash2 $Z run $H --guests 1 >"$T/out" 2>"$T/err"; st=$?
[ $st = 0 ] && grep -qx "zcmm: Hercules crashed ('double free or corruption (out)'); running it again (attempt 2 of 3)" "$T/err"
ok $? "glibc's abort message counts as a crash (exit $st; $(head -2 $T/err | tr '\n' ' '))"

printf 'zcmm:000000 zcmm host starting\ncrash\n' >"$T/crashall"
start=$SECONDS
FAKE=$T/crashall $Z run $H --guests 1 --retries 3 >"$T/out" 2>"$T/err"; st=$?
[ $st = 3 ]; ok $? "always crashing: exit 3 (got $st)"
[ "$(grep -c "running it again" "$T/err")" = 3 ] && grep -q "attempt 4 of 4" "$T/err"
ok $? "--retries 3: four attempts"
grep -q "^zcmm: Hercules crashed (killed by signal 11) on every one of 4 attempts" "$T/err"
ok $? "final line says every attempt crashed"
FAKE=$T/crashall $Z run $H --guests 1 --retries 0 >"$T/out" 2>"$T/err"; st=$?
[ $st = 3 ] && ! grep -q "running it again" "$T/err"; ok $? "--retries 0: no second attempt"
FAKE=$T/crashall $Z run $H --guests 1 >"$T/out" 2>"$T/err"
[ "$(grep -c "running it again" "$T/err")" = 2 ]; ok $? "default --retries is 2 (three attempts)"
ls -d "$T"/zcmm-run.* >/dev/null 2>&1; [ $? != 0 ]; ok $? "no run directory left behind"

# never retried: a host panic, a normal end before any host line, a timeout
FAKE=$T/panic $Z run $H >"$T/out" 2>"$T/err"; st=$?
[ $st = 70 ] && ! grep -q "running it again" "$T/err"; ok $? "a host panic is not retried"
FAKE=$T/herr $Z run $H >"$T/out" 2>"$T/err"; st=$?
[ $st = 3 ] && ! grep -q "running it again" "$T/err"; ok $? "Hercules ending before the host began is not retried"
# a normal end after the host began, before its @exit (the end of the run
# lost on Hercules's side): retried like a crash
FAKE=$T/noexit $Z run $H >"$T/out" 2>"$T/err"; st=$?
[ $st = 3 ] && [ "$(grep -c "^zcmm: Hercules ended (exit status 0) before the host's @exit; running it again" "$T/err")" = 2 ]
ok $? "Hercules ending normally without @exit is retried ($(head -3 "$T/err"))"
FAKE=$T/hang $Z run $H --timeout 1 >"$T/out" 2>"$T/err"; st=$?
[ $st = 124 ] && ! grep -q "running it again" "$T/err"; ok $? "a timeout is not retried"
$Z run --retries x >/dev/null 2>"$T/err"; [ $? = 2 ] && grep -q "^zcmm: --retries x: not a number" "$T/err"
ok $? "--retries x: usage error"
echo "1..$n"
exit $fail
