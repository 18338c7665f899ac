#!/bin/bash
# bigguest.t - guests larger than the old 16 MiB limit (page states in
# frames of their own): one of 64 MiB and one of 1 GiB, each touching more
# than the host's storage so that the pager works, verify every page they
# wrote; a guest above the host's limit is refused by the CLI.
source "$(dirname "$0")/tap.sh"

zrun --policy none --storage 20M --guests 1 --guest-mem 64M \
	--workload random --ws 5000 --iters 2000 --timeout 300
ok $status "a 64 MiB guest under pressure exits 0 (got $status)"
[ "$(field all failed)" = 0 ] && [ "$(field all pageouts)" -gt 0 ] &&
	[ "$(field all pageins)" -gt 0 ]
ok $? "it verified every page, $(field all pageouts) paged out, $(field all pageins) in"

zrun --policy none --storage 14M --guests 1 --guest-mem 1G \
	--workload random --ws 3000 --iters 1000 --timeout 300
ok $status "a 1 GiB guest under pressure exits 0 (got $status)"
free=$(sed -n 's/^running .* \([0-9]*\) frames free$/\1/p' "$T/out")
[ "$(field all failed)" = 0 ] && [ "$(field all touched)" -gt "$free" ] &&
	[ "$(field all pageouts)" -gt 0 ]
ok $? "it touched $(field all touched) pages (> $free frames) and verified every one"
[ "$(field all checksum_errors)" = 0 ] && [ "$(field all frames_leaked)" = 0 ]
ok $? "no checksum error, no frame leaked"

"$Z" run --guest-mem 2G >"$T/err" 2>&1
[ $? = 2 ] && grep -q 'larger than 1 GiB' "$T/err"
ok $? "a 2 GiB guest is refused at parse time: $(cat "$T/err")"
done_testing
