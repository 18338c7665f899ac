#!/bin/sh
# states-freestanding.t - states/ must build for the bare-metal s390x host
# and guest: each file cross-compiles with the freestanding flags, needs no
# symbol from outside states/ (no libc, no memcpy the compiler slipped in),
# includes only the three allowed standard headers, and the host image, if
# built, contains the state machine. Run from the repository root.
cd "$(dirname "$0")/../.." || exit 1
XCC=${CROSS:-s390x-linux-gnu-}gcc
NM=${CROSS:-s390x-linux-gnu-}nm
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); fail=1; echo "not ok $n - $1"; }

if ! command -v "$XCC" >/dev/null 2>&1; then
	echo "1..0 # SKIP no $XCC"
	exit 0
fi

for f in states/*.c; do
	o="$tmp/$(basename "$f").o"
	for opt in -O2 -O0; do
		if "$XCC" -march=z196 $opt -ffreestanding -fno-builtin -nostdlib \
			-fno-pic -fno-stack-protector -Wall -Wextra -Werror \
			-Wno-unused-parameter -Iinclude -I. -c "$f" -o "$o" 2>"$tmp/err"; then
			ok "$f cross-compiles freestanding ($opt)"
		else
			nok "$f cross-compiles freestanding ($opt)"
			sed 's/^/# /' "$tmp/err"
		fi
	done
done

# every undefined symbol must be defined by another states/ object
for o in "$tmp"/*.o; do "$NM" -u "$o"; done | awk '{print $NF}' | sort -u >"$tmp/undef"
for o in "$tmp"/*.o; do "$NM" --defined-only "$o"; done |
	awk 'NF == 3 {print $3}' | sort -u >"$tmp/def"
missing=$(comm -23 "$tmp/undef" "$tmp/def")
if [ -z "$missing" ]; then
	ok "states/ needs nothing from outside states/"
else
	nok "states/ needs nothing from outside states/"
	echo "$missing" | sed 's/^/#   undefined: /'
fi

bad=$(grep -h '^#include <' states/*.c states/*.h |
	grep -v -e '<stdint.h>' -e '<stddef.h>' -e '<stdbool.h>')
if [ -z "$bad" ]; then
	ok "states/ includes only stdint.h, stddef.h, stdbool.h"
else
	nok "states/ includes only stdint.h, stddef.h, stdbool.h"
	echo "$bad" | sed 's/^/#   /'
fi

if grep -n -E '(\basm|__asm__)[[:space:]]*(volatile|__volatile__)?[[:space:]]*\(' states/*.c states/*.h >"$tmp/asm"; then
	nok "states/ has no inline assembly"
	sed 's/^/#   /' "$tmp/asm"
else
	ok "states/ has no inline assembly"
fi

if [ -f build/host.elf ]; then
	for sym in essa_apply states_host_discard states_access states_render_dot; do
		if "$NM" build/host.elf | grep -q " T $sym\$"; then
			ok "host image links $sym"
		else
			nok "host image links $sym"
		fi
	done
else
	ok "host image links the state machine # SKIP build/host.elf not built"
fi

echo "1..$n"
exit $fail
