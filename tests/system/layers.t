#!/bin/bash
# layers.t - the host's layers (host/layers, docs/host.md): no file
# includes a host header of a higher layer, every host source file has a
# layer, and only page.c writes a page-table entry (gmap_pte() is called
# in gmap.c and page.[ch] alone; everyone else reads with page_pte()).
source "$(dirname "$0")/tap.sh"

layer_of() {
	local f=$1 l p
	while read -r l p; do
		case "$l" in ''|'#'*) continue ;; esac
		# shellcheck disable=SC2053
		if [[ $f == $p ]]; then echo "$l"; return; fi
	done <host/layers
}

unlisted= upward=
for f in $(find host -name '*.[ch]' | sort); do
	lf=$(layer_of "$f")
	if [ -z "$lf" ]; then
		unlisted="$unlisted $f"
		continue
	fi
	for h in $(sed -n 's/^#include "\(host\/[^"]*\)".*/\1/p' "$f"); do
		lh=$(layer_of "$h")
		if [ -n "$lh" ] && [ "$lh" -gt "$lf" ]; then
			upward="$upward $f($lf)->$h($lh)"
		fi
	done
done
[ -z "$unlisted" ]
ok $? "every host file has a layer in host/layers${unlisted:+: missing$unlisted}"
[ -z "$upward" ]
ok $? "no file includes a header of a higher layer${upward:+:$upward}"

writers=$(grep -l 'gmap_pte(' $(find host -name '*.[ch]') |
	grep -v -x -e host/gmap.c -e host/gmap.h -e host/page.c -e host/page.h)
[ -z "$writers" ]
ok $? "page-table entries are reached through page.c only${writers:+: also $writers}"

# the check itself: a file of layer 1 including a layer-3 header is caught
[ "$(layer_of host/page.c)" = 1 ] && [ "$(layer_of host/reclaim.h)" = 3 ] &&
	[ "$(layer_of host/io/css.c)" = 0 ] && [ -z "$(layer_of host/nothing.c)" ]
ok $? "the table resolves layers as written (page.c 1, reclaim.h 3, io/ 0)"
done_testing
