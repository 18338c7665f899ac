#!/bin/bash
# host-failure.t - the failure paths: a host panic becomes a non-zero exit
# with the interruption's text; a host that never ends hits the timeout.
source "$(dirname "$0")/tap.sh"

zrun --host-mode panic --timeout 60
[ $status = 70 ]
ok $? "a panicking host exits 70 (got $status)"
grep -q '^panic: unexpected program interruption, code 0x0006' "$T/out"
ok $? "the panic names the program interruption and its code"
grep -q '^  old PSW [0-9a-f]\{16\} [0-9a-f]\{16\}$' "$T/out"
ok $? "the panic prints the old PSW"
[ "$(grep -c '^  r[0-9 ]\{2\} [0-9a-f]\{16\}' "$T/out")" = 4 ]
ok $? "the panic prints all sixteen registers"

start=$(date +%s)
zrun --host-mode hang --timeout 5
took=$(($(date +%s) - start))
[ $status = 124 ]
ok $? "a hung host exits 124 (got $status)"
grep -q 'timeout.*5 s' "$T/out"
ok $? "the timeout is reported in words: $(grep timeout "$T/out")"
[ $took -lt 30 ]
ok $? "and it ends promptly (${took}s)"
done_testing
