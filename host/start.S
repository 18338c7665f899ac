# start.S - the host's first instructions and its interruption entries.
# IPL leaves us in ESA/390 mode at 0x10000; we switch to z/Architecture,
# install the new PSWs, make C possible (AFP, stack, zero bss), call main.

	.section .text.start,"ax"
	.globl	_start
_start:
	lhi	%r1,1			# SIGP set-architecture: z/Arch
	lhi	%r3,0
	sigp	%r1,%r3,0x12
	sam64
	larl	%r1,new_psws		# restart, external, SVC, program,
	mvc	0x1a0(96,%r0),0(%r1)	# machine check, I/O new PSWs
	# gcc uses FPRs 8-15 as spill registers: without CR0's AFP bit that
	# is a data exception on the first spill
	stctg	%c0,%c0,0x180
	oi	0x185,0x04
	lctlg	%c0,%c0,0x180
	# zero bss (the image file ends where bss starts)
	larl	%r2,__bss_start
	larl	%r3,__host_end
1:	cgr	%r2,%r3
	jnl	2f
	xc	0(256,%r2),0(%r2)
	aghi	%r2,256
	j	1b
2:	larl	%r15,host_stack_top
	aghi	%r15,-160
	xc	0(8,%r15),0(%r15)	# back chain ends here
	brasl	%r14,main
	j	.			# main never returns

	.align	8
new_psws:				# 64-bit, DAT off, all disabled
	.quad	0x0000000180000000, trap_restart
	.quad	0x0000000180000000, trap_external
	.quad	0x0000000180000000, trap_svc
	.quad	0x0000000180000000, trap_program
	.quad	0x0000000180000000, trap_mcheck
	.quad	0x0000000180000000, trap_io

# Each entry saves r0-r15 in the lowcore save area of its type (0x200 +
# 128 * type), runs void trap(int type, uint64_t *gprs) on its own stack,
# then reloads r0-r15 (trap() may have changed them) and resumes the old
# PSW (trap() may have changed that too). type = the order of the old
# PSWs: 0 restart, 1 external, 2 SVC, 3 program, 4 machine check, 5 I/O.
	.macro	TRAP_ENTRY name, type, old
	.globl	\name
\name:
	stmg	%r0,%r15,0x200+128*\type
	larl	%r15,trap_stacks+(\type+1)*16384
	aghi	%r15,-160
	xc	0(8,%r15),0(%r15)
	aghi	%r15,-64		# f0-f7 are trap()'s to clobber, but
	xc	0(8,%r15),0(%r15)
	std	%f0,160(%r15)		# an interruption in SIE finds the
	std	%f1,168(%r15)		# guest's there (sie_entry.S saves
	std	%f2,176(%r15)		# them after sie_exit)
	std	%f3,184(%r15)
	std	%f4,192(%r15)
	std	%f5,200(%r15)
	std	%f6,208(%r15)
	std	%f7,216(%r15)
	lghi	%r2,\type
	lghi	%r3,0x200+128*\type
	brasl	%r14,trap
	ld	%f0,160(%r15)
	ld	%f1,168(%r15)
	ld	%f2,176(%r15)
	ld	%f3,184(%r15)
	ld	%f4,192(%r15)
	ld	%f5,200(%r15)
	ld	%f6,208(%r15)
	ld	%f7,216(%r15)
	lmg	%r0,%r15,0x200+128*\type
	lpswe	\old
	.endm

	TRAP_ENTRY trap_restart,  0, 0x120
	TRAP_ENTRY trap_external, 1, 0x130
	TRAP_ENTRY trap_svc,      2, 0x140
	TRAP_ENTRY trap_program,  3, 0x150
	TRAP_ENTRY trap_mcheck,   4, 0x160
	TRAP_ENTRY trap_io,       5, 0x170

	.section .bss
	.align	4096
	.globl	host_stack_top
host_stack:
	.space	65536
host_stack_top:
trap_stacks:
	.space	6*16384
