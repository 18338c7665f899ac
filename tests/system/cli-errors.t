#!/bin/bash
# cli-errors.t - usage errors are one line "zcmm: ..." and exit 2; a missing
# Hercules exits 3; fleet file errors name file:line; a non-ELF image is
# refused with a clear reason.
cd "$(dirname "$0")/../.." || exit 1
Z=$PWD/build/bin/zcmm
T=$(mktemp -d /tmp/cli-errors.XXXXXX); trap 'rm -rf "$T"' EXIT
n=0; fail=0
ok() { n=$((n+1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fail=1; fi; }
# expect STATUS PREFIX CMD...: exit status, one stderr line starting with
# PREFIX, nothing on stdout (bash builtins only: some cases empty PATH)
expect() {
	local want=$1 pat=$2 L; shift 2
	"$@" >"$T/out" 2>"$T/err"; local st=$?
	[ $st = "$want" ]; ok $? "exit $want: $*"
	mapfile -t L <"$T/err"
	[ ${#L[@]} = 1 ] && [[ "${L[0]}" == "$pat"* ]]
	ok $? "one line starting '$pat' (got: ${L[*]})"
	[ ! -s "$T/out" ]; ok $? "nothing on stdout"
}
expect 2 "zcmm: run: unknown option '--bogus'" $Z run --bogus
expect 2 "zcmm: run: option '--cpus' needs a value" $Z run --cpus
expect 2 "zcmm: unknown command 'frob'" $Z frob
expect 2 "zcmm: --storage 12Q: not a size" $Z run --storage 12Q
expect 2 "zcmm: --guest-mem 1500K: not a multiple of 1 MiB" $Z run --guest-mem 1500K
# the host's limit (ZCMM_GUEST_MEM_MAX) is refused at parse time, named
expect 2 "zcmm: --guest-mem 1025M: larger than 1 GiB" $Z run --guest-mem 1025M
# what the host's boot-block check (lib/bootcheck.c) would refuse, the
# CLI refuses with its reason before it makes any file
expect 2 "zcmm: the host would refuse this run: boot block: time slice 10000000000 us is longer than 8640 s" $Z run --dry-run --timeslice 10000000
expect 2 "zcmm: the host would refuse this run: boot block: storage size 0x20000000000 is not" $Z run --dry-run --storage 2T
expect 2 "zcmm: --cpus 2: the host runs on one CPU: 1 is the only value" $Z run --cpus 2
expect 2 "zcmm: run: option '--keep' takes no value" $Z run --keep=yes
expect 2 "zcmm: run: unknown option '--bogus' (see zcmm run --help)" $Z run --bogus=1
expect 2 "zcmm: run: 'b.conf' is one word too many" $Z run a.conf b.conf
expect 2 "zcmm: --workload busy: expected" $Z run --workload busy
expect 2 "zcmm: --host-mode x: expected fleet, selftest, panic or hang" $Z run --host-mode x
expect 2 "zcmm: --hinting maybe: expected on or off (or yes/no, true/false, 1/0)" $Z run --hinting maybe
expect 2 "zcmm: run: --guests and a fleet file exclude each other" $Z run --guests 3 f.conf
expect 2 "zcmm: run: --guests and a fleet file exclude each other" $Z run f.conf --guests 3
expect 2 "zcmm: /nonexistent.conf: No such file or directory" $Z run /nonexistent.conf
expect 3 "zcmm: Hercules not found: /nonexistent" $Z run --hercules /nonexistent
PATH=/nonexistent expect 3 "zcmm: Hercules not found: no 'hercules' on PATH" $Z run
ZCMM_HERCULES=/nonexistent/herc expect 3 "zcmm: Hercules not found: /nonexistent/herc (ZCMM_HERCULES)" $Z run

printf 'cpus 1\n# comment\n\nguest web count=2\nguest db mem=1500K\n' >"$T/fleet.conf"
expect 2 "zcmm: $T/fleet.conf:5: mem=1500K: not a multiple of 1 MiB" $Z run "$T/fleet.conf"
printf 'guest a foo=1\n' >"$T/f2.conf"
expect 2 "zcmm: $T/f2.conf:1: unknown key 'foo'" $Z run "$T/f2.conf"

echo "not an elf" >"$T/notelf"
expect 2 "zcmm: --image $T/notelf: not an ELF file" $Z run --image "$T/notelf"
cp /bin/true "$T/x86"
expect 2 "zcmm: --image $T/x86: a little-endian ELF file, need big-endian s390x" $Z run --image "$T/x86"
printf 'guest g image=notelf\n' >"$T/f3.conf"
expect 2 "zcmm: $T/f3.conf:1: image=notelf: $T/notelf: not an ELF file" $Z run "$T/f3.conf"

mkdir "$T/empty"
ZCMM_DATADIR=$T/empty expect 2 "zcmm: missing data file $T/empty/ipl-psw.bin" $Z run --hercules /bin/true
echo "1..$n"
exit $fail
