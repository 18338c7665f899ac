#!/bin/bash
# boot-refused.t - the host itself checks the boot block it was given
# (lib/bootcheck.c at IPL), not only the CLI: a run directory that zcmm
# run --dry-run wrote, its boot.bin then damaged byte by byte and IPL'd
# by Hercules directly, makes the host panic naming the field (@exit 70);
# the same directory undamaged runs its guest to @exit 0.
source "$(dirname "$0")/tap.sh"

herc=${ZCMM_HERCULES:-$(command -v hercules)}
TMPDIR=$T "$Z" run --dry-run --guests 1 --workload idle --ms 10 --paging-volumes 1 \
	--paging-size 2M >"$T/dry" 2>&1
dir=$(tail -n 1 "$T/dry")
[ -x "$herc" ] && [ -f "$dir/boot.bin" ]
ok $? "a run directory to IPL by hand (Hercules: $herc)"
cp "$dir/boot.bin" "$T/boot.good"

# ipl NAME: Hercules on the directory as zcmm would start it
ipl() {
	(cd "$dir" && HERCULES_RC=hercules.rc timeout 120 "$herc" -d \
		-f hercules.cnf </dev/null >"$T/$1" 2>&1)
	grep -a '^zcmm:' "$T/$1" | sed 's/^zcmm:[0-9]* //' >"$T/$1.host"
}
# damage OFFSET HEXBYTES NAME: the good block with those bytes, IPL'd
damage() {
	cp "$T/boot.good" "$dir/boot.bin"
	printf "$2" | dd of="$dir/boot.bin" bs=1 seek=$(($1)) conv=notrunc \
		2>/dev/null
	ipl "$3"
}
# NAME STATUS: Hercules's last lines as diagnostics unless STATUS is 0
shown_if() { [ "$2" = 0 ] || tail -n 20 "$T/$1" | sed 's/^/#   /'; }
refused() { # NAME REASON
	grep -q "^panic: boot block.*$2" "$T/$1.host" &&
		grep -q '^@exit 70$' "$T/$1.host"
	local st=$?
	ok $st "$1: the host refuses it: $(grep -m1 '^panic' "$T/$1.host")"
	shown_if "$1" $st
}

ipl good
grep -q '^@exit 0$' "$T/good.host"; st=$?
ok $st "the block as written boots and its guest runs to @exit 0"
shown_if good $st

damage 0x0c '\x00\x00\x00\x09' mode
refused mode "unknown mode 9"
damage 0x81 '\n' name
refused name "guest 0: its name is not"
damage 0x90 '\x00\x00\x00\x00\x00\x18\x00\x00' guestmem
refused guestmem "guest 0 (g0): storage 0x180000 is not a multiple"
# storage the checker takes but the machine (Hercules's MAINSIZE) lacks
mb=$(sed -n 's/^MAINSIZE *\([0-9]*\)$/\1/p' "$dir/hercules.cnf")
damage 0x10 "$(printf '\\x%02x' 0 0 0 0 $(((mb + 64) >> 4 & 0xff)) \
	$(((mb + 64) << 4 & 0xff)) 0 0)" storage
refused storage "names 0x$(printf %x $(((mb + 64) << 20))) bytes of storage, the machine has less"
done_testing
