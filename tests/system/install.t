#!/bin/bash
# install.t - make install puts an optimized zcmm without sanitizers (ldd
# names no libasan/libubsan), its data files and the manual page under
# DESTDIR/PREFIX, and the installed zcmm finds its data; a plain make never
# installs packages (only make deps, run and check do).
cd "$(dirname "$0")/../.." || exit 1
T=$(mktemp -d /tmp/install-t.XXXXXX); trap 'rm -rf "$T"' EXIT
n=0; fail=0
ok() { n=$((n+1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fail=1; fi; }

nice -n 10 make -s install DESTDIR="$T" PREFIX=/opt/zcmm >"$T/log" 2>&1; st=$?
ok $st "make install DESTDIR=... PREFIX=/opt/zcmm"; [ $st = 0 ] || sed 's/^/# /' "$T/log"
Z=$T/opt/zcmm/bin/zcmm
l=$(ldd "$Z" 2>&1)
! echo "$l" | grep -qE "libasan|libubsan|libtsan"; ok $? "installed zcmm links no sanitizer runtime"
echo "$l" | sed 's/^/# /'
! nm "$Z" 2>/dev/null | grep -q "__asan_\|__ubsan_"; ok $? "no sanitizer symbols in the installed zcmm"
for f in zcmm-host.bin zcmm-guest.elf ipl-psw.bin; do
	[ -s "$T/opt/zcmm/share/zcmm/$f" ]; ok $? "data file $f installed"
done
[ -s "$T/opt/zcmm/share/man/man1/zcmm.1" ]; ok $? "manual page installed"
"$Z" --help | grep -q "^usage: zcmm"; ok $? "installed zcmm runs"
d=$(env -u ZCMM_DATADIR "$Z" run --dry-run --guests 1); [ -f "$d/zcmm-host.bin" ]
ok $? "installed zcmm writes a run directory from the installed data"
[ -n "$d" ] && rm -rf "$d"
# every command a plain make would run (-B: as if nothing were built)
make -n -B all >"$T/plan" 2>&1
! grep -qE "deps\.sh|apt-get" "$T/plan"; ok $? "plain make runs no package installer"
for g in deps run check; do
	make -n $g 2>/dev/null | grep -q "deps\.sh"; ok $? "make $g installs what is missing"
done
echo "1..$n"
exit $fail
