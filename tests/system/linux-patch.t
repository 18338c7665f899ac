#!/bin/bash
# linux-patch.t - the guest page hinting series for Linux 6.1 in
# guest-linux-patch/: every patch is a mail with a commit message and a
# sign-off, the series applies to the pristine linux-source-6.1 tree,
# checkpatch --strict finds no error (warnings are listed), and the small
# kernel builds with CONFIG_PAGE_STATES off and on, each holding the code
# it should. The kernels are cached in build/linux-patch/: the first run
# takes two kernel builds (minutes), later runs only check.
source "$(dirname "$0")/tap.sh"
B=${LINUX_PATCH_BUILD:-$PWD/build/linux-patch}
show() { sed 's/^/# /' "$1" | tail -n "${2:-20}"; }

if [ ! -f "${LINUX_SOURCE_TARBALL:-/usr/src/linux-source-6.1.tar.xz}" ]; then
	echo "1..0 # SKIP linux-source-6.1 is not installed (make deps installs it)"
	exit 0
fi

bad=""
for p in guest-linux-patch/[0-9][0-9][0-9][0-9]-*.patch; do
	# a subject, a body of at least two lines, a sign-off, a diff
	awk '/^Subject: \[PATCH/ { s = 1 } /^$/ && s && !b { b = NR }
	     b && NR > b && !/^Signed-off-by:/ && !/^---$/ && NF { body++ }
	     /^Signed-off-by: / { so = 1 } /^---$/ { exit }
	     END { exit !(s && body >= 2 && so) }' "$p" || bad="$bad $p"
	grep -q '^diff --git ' "$p" || bad="$bad $p"
done
[ -z "$bad" ] || echo "# not a mail with message and sign-off:$bad"
ok "$([ -z "$bad" ]; echo $?)" "every patch has a subject, a commit message and a sign-off"

guest-linux-patch/build apply >"$T/apply" 2>&1
st=$?
[ $st = 0 ] || show "$T/apply"
ok $st "the series applies to the pristine linux-source-6.1 tree"

guest-linux-patch/build checkpatch >"$T/cp" 2>&1
st=$?
grep -E '^checkpatch: (total|  )' "$T/cp" | sed 's/^/# /'
ok $st "checkpatch --strict: 0 errors"

for v in off on; do
	guest-linux-patch/build kernel $v >"$T/k$v" 2>&1
	st=$?
	[ $st = 0 ] || show "$T/k$v" 40
	ok $st "the small kernel builds with CONFIG_PAGE_STATES $v"
done

# the option decides what is in the kernel
has() { grep -q " $2\$" "$B/$1/System.map" 2>/dev/null; }
for sym in do_discard_fault __folio_make_stable __folio_try_volatile; do
	has on $sym && ! has off $sym
	ok $? "$sym is in the 'on' kernel only"
done
for v in off on; do
	has $v zcmm_blk_queue_rq && has $v cmm_zcmm_fn
	ok $? "the '$v' kernel has the zcmm disk driver and balloon channel"
done
grep -q '^CONFIG_PAGE_STATES=y' "$B/on/.config" &&
	! grep -q '^CONFIG_PAGE_STATES=y' "$B/off/.config"
ok $? "CONFIG_PAGE_STATES is set in 'on' and not in 'off'"

done_testing
