#!/bin/bash
# share.t - content sharing (docs/sharing.md) on the emulated machine:
# guests with identical pages end up sharing frames and still verify
# every page; a guest that writes gets its own copy while the other keeps
# reading the original; zero pages share a zero frame; guests of two
# domains never share, the same domain does; eight guests reading the same
# base-disk blocks cause one disk read each (Disco), and a guest reading two
# blocks into one page shares neither; and with memory pressure,
# hinting, the balloon and working-set sampling, page-outs, discards and
# guest disk reads all meet shared pages: no guest sees a wrong word.
source "$(dirname "$0")/tap.sh"

if ! command -v dasdinit >/dev/null 2>&1; then
	echo "1..0 # SKIP no dasdinit (Debian package hercules)"
	exit 0
fi
num() { [ -n "$1" ] && [ "$1" -gt 0 ] 2>/dev/null; }

cat >"$T/pair.conf" <<'CONF'
scan_rate 2000
scan_total 4000
# w writes 8 of its pages while they are shared; r only reads (it
# verifies its whole set every second and at the end)
guest w workload=idle ws=64 min=16 ms=3000 iters=8 same_content=on share=t
guest r workload=idle ws=64 min=16 ms=3000 same_content=on share=t
# the same contents in another domain
guest o workload=idle ws=64 min=16 ms=3000 same_content=on share=u
CONF
zrun "$T/pair.conf" --timeout 120
ok $status "three idle guests with the same pages exit 0: every page verified (got $status)"
num "$(field 0 share_merged)" && num "$(field 1 shared_pages)"
ok $? "same domain: w and r share frames ($(field 0 share_merged) and $(field 1 share_merged) pages merged, $(field 1 shared_pages) pages of r shared at the end)"
num "$(field all frames_saved)"
ok $? "frames saved: $(field all frames_saved)"
num "$(field 0 cow_breaks)"
ok $? "w's stores into shared pages were copy-on-write breaks ($(field 0 cow_breaks)); r still verified its originals"
[ "$(field 2 shared_pages)" = 0 ] && [ "$(field 2 share_merged)" = "$(field 2 zero_merged)" ]
ok $? "another domain: o shares nothing with them (merged $(field 2 share_merged), all of them its own zero pages)"
[ "$(field all cross_domain_frames)" = 0 ]
ok $? "no frame is mapped by guests of two domains"
num "$(field 0 zero_pages)" && num "$(field 2 zero_pages)"
ok $? "zero pages share a zero frame (w $(field 0 zero_pages), o $(field 2 zero_pages))"
[ "$(field all frames_leaked)" = 0 ]
ok $? "no frame leaked"

# Every path on a shared page, from inside two guests (tests/guests/
# sharepaths.c): ESSA volatile and unused with a discard, the discard fault
# for that guest only, DIAG 0x10, a refused page-out, a store
zrun --test-hooks --guests 2 --image "$G/sharepaths.elf" --workload none \
	--share t --scan-rate 2000 --scan-total 4000 --timeout 120
ok $status "two sharepaths guests exit 0 (got $status)"
sed -n 's/^\[g[01]\] //p' "$T/out" >"$T/checks"
selftest_tap "$T/checks"
[ "$(grep -c '^PASS: ' "$T/checks")" = 19 ]
ok $? "all 19 of their checks ran"
[ "$(field all shared_discards)" -ge 2 ] && [ "$(field all frames_leaked)" = 0 ]
ok $? "the host counted the discards of shared mappings ($(field all shared_discards)); no frame leaked"

# Disco: eight file servers in one domain read the same 64 blocks of the
# base disk (16 files of 4 pages, all fit their caches), the scanner off
# (it needs none)
zrun --guests 8 --workload fileserve --files 16 --file-pages 4 --iters 300 --share f --scan-rate 0 --timeout 120
ok $status "eight file servers sharing their disk reads exit 0: every page verified (got $status)"
# (a guest may read a block again after its cache let it go: that read is
# mapped too, so at least seven mappings a block, and still one disk read)
[ "$(field all disk_reads)" = 64 ] && [ "$(field all disk_shared)" -ge $((7 * 64)) ]
ok $? "each of the 64 blocks was read from the disk once ($(field all disk_reads) reads), the other seven readers mapped its frame (at least 448: $(field all disk_shared))"
[ "$(field all scan_hashed)" = 0 ] && [ "$(field all share_merged)" = 0 ]
ok $? "--scan-rate 0: no page hashed or merged ($(field all scan_hashed), $(field all share_merged))"
zrun --guests 8 --workload fileserve --files 16 --file-pages 4 --iters 300 --share private --timeout 120
[ "$status" = 0 ] && [ "$(field all disk_reads)" = $((8 * 64)) ] && [ "$(field all disk_shared)" = 0 ]
ok $? "each in its own domain, every guest reads every block itself ($(field all disk_reads) reads, $(field all disk_shared) mapped)"

# a guest that reads blocks 0 and 1 into one page in one list, then
# writes over it, beside file servers of its domain that read those
# blocks: none of them may see its page, with room to spare and under
# pressure (where its storage is dropped once it ended)
cat >"$T/alias.conf" <<CONF
guest a mem=2M image=$G/diskalias.elf workload=none share=t
guest good count=2 mem=2M workload=random ws=400 iters=3000 share=t same_content=on
guest f count=2 mem=1M workload=fileserve iters=800 share=t
CONF
for st in "" 10M; do
	zrun "$T/alias.conf" ${st:+--storage $st} --timeout 120
	sed -n 's/^\[a\] //p' "$T/out" >"$T/checks"
	[ $status = 0 ] && [ "$(grep -c '^PASS: ' "$T/checks")" = 2 ] && [ "$(field all frames_leaked)" = 0 ]
	ok $? "two reads into one page${st:+ in $st}: every guest verifies every block it read, no frame leaked (exit $status, $(grep -c '^PASS: ' "$T/checks") of 2 checks, $(field all reclaim_ended) pages of ended guests dropped)"
done

cat >"$T/press.conf" <<'CONF'
scan_rate 2000
scan_total 8000
guest s count=4 mem=2M workload=idle ws=300 min=16 ms=4000 iters=20 same_content=on share=t
guest f count=2 mem=1M workload=fileserve iters=1500 share=f
guest r mem=2M workload=random ws=400 iters=20000 share=off
CONF
zrun "$T/press.conf" --policy balloon+hinting --storage 14M --timeout 180
ok $status "balloon+hinting, 14M for 11M of guests: every guest exits 0, 0 pattern errors (got $status)"
num "$(field all share_merged)" && num "$(field all released)" && num "$(field all wss_sampled)"
ok $? "the balloon ($(field all released) pages released) and working-set sampling ($(field all wss_sampled) pages) ran on a fleet sharing $(field all share_merged) merged pages"
[ "$(field all cross_domain_frames)" = 0 ] && [ "$(field all frames_leaked)" = 0 ]
ok $? "no frame across domains, none leaked"

zrun "$T/press.conf" --policy hinting --storage 13M --timeout 180
ok $status "hinting, 13M for 11M of guests: every guest exits 0, 0 pattern errors (got $status)"
# the clock gives referenced pages a second chance: the file servers'
# hot cache pages may all escape it in a run this short, so the clock's
# looks, not its discards, are what must be seen
num "$(field all pageouts)" && num "$(field all reclaim_looked)" && num "$(field all share_merged)" && num "$(field all cow_breaks)"
ok $? "the pager ($(field all pageouts) page-outs) and the clock ($(field all reclaim_looked) looked at, $(field all discard_v) discards) ran beside sharing ($(field all share_merged) merged, $(field all cow_breaks) copy-on-write breaks)"
num "$(field all cow_host)"
ok $? "the host's writes into shared pages (file servers' disk reads into their shared cache pages) broke the sharing first: $(field all cow_host) breaks"
num "$(field all shared_drops)"
ok $? "teardown and discards took single guests' mappings of shared frames ($(field all shared_drops)), each frame freed once (none leaked: $(field all frames_leaked))"
[ "$(field all cross_domain_frames)" = 0 ] && [ "$(field all frames_leaked)" = 0 ]
ok $? "no frame across domains, none leaked"
done_testing
