#!/bin/bash
# firmware.t - what the host emulates for a Linux guest, checked from
# inside a small guest (tests/guests/firmware.c, a PASS/FAIL line a
# check): the facility list, STSI, STIDP, STAP, one-CPU SIGP with an
# external call taken as an interruption, SCLP with its service signal
# and a VT220 console line, no subchannels; SIGP stop ends it, status 0.
source "$(dirname "$0")/tap.sh"

zrun --guests 1 --image "$G/firmware.elf" --workload none --guest-mem 2M \
	--timeout 60
ok $status "the firmware walk ends with SIGP stop, status 0 (got $status)"
guest_checks g0 23
grep -qx 'firmware: hello through SCLP' "$T/g0.checks"
ok $? "the VT220 text is the guest's console line"
done_testing
