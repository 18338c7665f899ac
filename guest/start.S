# start.S - the guest kernel's entry (e_entry): 64-bit, DAT off, supervisor,
# everything disabled; r2 = storage size, r3 = fleet index (guest-abi.md).
# It installs the new PSWs, sets CR0's AFP bit, clears bss, sets up the
# stack and calls guest_main(storage size, index), which never returns.

	.section .text.start,"ax"
	.globl	_start
_start:
	lgr	%r10,%r2		# keep storage size and index
	lgr	%r11,%r3
	# new PSWs before anything else can interrupt (entry.S)
	larl	%r1,trap_new_psws
	mvc	0x1a0(96,%r0),0(%r1)
	# CR0 bit 45 (AFP-register control, 0x40000): gcc spills to f8-f15
	stctg	%c0,%c0,0x200		# scratch: the program save area
	oi	0x200+5,0x04
	lctlg	%c0,%c0,0x200
	# clear bss (8-aligned by guest.ld); the stacks are not in it
	larl	%r1,__bss_start
	larl	%r4,__bss_end
	lghi	%r0,0
1:	clgr	%r1,%r4
	jnl	2f
	stg	%r0,0(%r1)
	la	%r1,8(%r1)
	j	1b
2:	larl	%r15,__stack_top
	aghi	%r15,-160
	xc	0(8,%r15),0(%r15)	# back chain ends here
	lgr	%r2,%r10
	lgr	%r3,%r11
	brasl	%r14,guest_main
	# guest_main does not return; if it did: exit status 2 (GS_TRAP)
	lghi	%r1,2
	diag	%r1,%r0,0x404
3:	j	3b

	.section .stack,"aw",@nobits
	.balign	4096
	.space	16384
	.globl	__stack_top
__stack_top:
