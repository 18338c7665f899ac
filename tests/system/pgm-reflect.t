#!/bin/bash
# pgm-reflect.t - program interruptions the machine hands the host under
# SIE (interception code 8: addressing, specification, special operation;
# and protection) reach the guest as the architecture presents them:
# code, ILC, old PSW (loads, stores and MVCL past storage, a branch past
# it, DAT tables past it, CDS and LPSWE operands, an invalid PSW loaded,
# SAC and PC with DAT off, low-address protection); also after the guest moved its prefix
# (SPX), where they land in the new prefix area (tests/guests/pgmcheck.c
# checks each).
source "$(dirname "$0")/tap.sh"

zrun --guests 1 --image "$G/pgmcheck.elf" --workload none --guest-mem 2M \
	--timeout 60
ok $status "the program-check walk exits 0 (got $status)"
guest_checks g0 39
! grep -q 'unexpected interception' "$T/out"
ok $? "no interception stopped the guest"
done_testing
