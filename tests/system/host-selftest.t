#!/bin/bash
# host-selftest.t - the host's self-test suite, run inside the emulated
# machine; every PASS/FAIL line it prints becomes a TAP line here.
source "$(dirname "$0")/tap.sh"

zrun --host-mode selftest --timeout 120
ok $status "host self-tests exit 0 (got $status)"
grep -q '^zcmm host starting$' "$T/out"
ok $? "the host's banner comes through"
grep -q '^SUMMARY: [0-9]* passed, 0 failed$' "$T/out"
ok $? "the summary line says nothing failed"
# every printable character survives DIAG 8, Hercules and the CLI
want=$(printf 'CHARSET: %s' "$(printf '%b' "$(printf '\\x%02x' $(seq 32 126))")")
grep -qxF "$want" "$T/out"
ok $? "every printable ASCII character arrives unchanged"
selftest_tap "$T/out"
[ "$(grep -c '^PASS: ' "$T/out")" -ge 10 ]
ok $? "at least ten self-tests ran"
done_testing
