#!/bin/bash
# vdisk-fileserve.t - guest disks under the guest kernel's own workloads:
# a file server whose files outgrow its storage re-reads them from the
# base disk and every page verifies, with hinting on and off; an
# anonymous working set past its storage round-trips through swap on the
# private disk. The host's @result disk counts match the guests' own.
source "$(dirname "$0")/tap.sh"
# a failed run's last lines, as TAP comments
why() { [ "$status" = 0 ] || tail -5 "$T/out" | sed 's/^/# /'; }

if ! command -v dasdinit >/dev/null 2>&1; then
	echo "1..0 # SKIP no dasdinit (Debian package hercules)"
	exit 0
fi
kv() { # kv PREFIX KEY: KEY's value on the first console line with PREFIX
	grep -m1 -- "$1" "$T/out" | tr ' ' '\n' | sed -n "s/^$2=//p"
}

for h in on off; do
	# 1 MiB guests, 64 files x 8 pages = 2 MiB of files each
	zrun --guests 2 --workload fileserve --iters 200 --hinting $h --timeout 120
	why
	ok $status "fileserve, hinting $h: both guests exit 0, every page verified (got $status)"
	pages=$(kv '\[g0\] pcache:' pages)
	miss=$(kv '\[g0\] pcache:' misses)
	hits=$(kv '\[g0\] pcache:' hits)
	ev=$(kv '\[g0\] pcache:' evictions)
	ra=$(kv '\[g0\] pcache:' readahead)
	[ -n "$pages" ] && [ "$pages" -lt 512 ] && [ $((miss + ra)) -gt "$pages" ] && [ "$ev" -gt 0 ]
	ok $? "hinting $h: the cache ($pages pages) is smaller than the files: $miss misses + $ra read ahead, $ev evictions (re-reads from disk)"
	[ "$hits" -gt "$miss" ]
	ok $? "hinting $h: the skewed requests hit the cache ($hits hits)"
	rr=$(( $(kv '\[g0\] pcache:' fault_rereads) + $(kv '\[g0\] pcache:' pin_rereads) ))
	[ "$(field 0 disk_reads)" = $((miss + ra + rr)) ]
	ok $? "hinting $h: host disk_reads ($(field 0 disk_reads)) = guest misses + read-ahead + re-reads ($miss + $ra + $rr)"
	[ "$(kv '\[g0\] vdisk:' calls)" = "$miss" ]
	ok $? "hinting $h: one call per miss, the read-ahead with it"
	[ "$(field 0 disk_writes)" = 0 ] && [ "$(field 0 work)" = $((200 * 8)) ]
	ok $? "hinting $h: no writes; one work unit per page served"
	grep -E '\[g0\] (pcache|vdisk):' "$T/out" | sed 's/^/# /'
done
[ "$(field 0 essa_volatile)" = 0 ]
ok $? "hinting off: no page was made volatile"

zrun --guests 2 --workload anon --timeout 180
why
ok $status "anon: both guests exit 0, every page verified after swapping (got $status)"
out=$(kv '\[g0\] swap:' swapouts)
in=$(kv '\[g0\] swap:' swapins)
[ "$out" -gt 100 ] && [ "$in" -gt 100 ]
ok $? "anon: its working set outgrew storage: $out pages out, $in back in"
[ "$(field 0 disk_writes)" = "$out" ] && [ "$(field 0 disk_reads)" -ge "$in" ]
ok $? "host disk_writes ($(field 0 disk_writes)) = swap-outs; disk_reads ($(field 0 disk_reads)) >= swap-ins"
[ "$(field all frames_leaked)" = 0 ]
ok $? "no frame leaked"
grep -E '\[g0\] (swap|vdisk):' "$T/out" | sed 's/^/# /'
done_testing
