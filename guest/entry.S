# entry.S - the guest's new-PSW table (start.S copies it to 0x1a0) and one
# stub per interruption class: save r0-r15 and f0-f7 in the class's lowcore
# save area (lowcore.h), switch to that class's stack, call the C handler
# with the save area, restore and resume the old PSW (which C may edit).

	.section .rodata
	.balign	8
	.globl	trap_new_psws
trap_new_psws:				# 64-bit, DAT off, all disabled
	.quad	0x0000000180000000, trap_entry_restart	# 0x1a0 restart
	.quad	0x0000000180000000, trap_entry_ext	# 0x1b0 external
	.quad	0x0000000180000000, trap_entry_svc	# 0x1c0 SVC
	.quad	0x0000000180000000, trap_entry_pgm	# 0x1d0 program
	.quad	0x0000000180000000, trap_entry_mck	# 0x1e0 machine check
	.quad	0x0000000180000000, trap_entry_io	# 0x1f0 I/O

	.macro	TRAP_STUB name, save, stack, handler, oldpsw
	.globl	\name
\name:
	stmg	%r0,%r15,\save
	std	%f0,\save+0x80
	std	%f1,\save+0x88
	std	%f2,\save+0x90
	std	%f3,\save+0x98
	std	%f4,\save+0xa0
	std	%f5,\save+0xa8
	std	%f6,\save+0xb0
	std	%f7,\save+0xb8
	larl	%r15,\stack
	aghi	%r15,-160
	xc	0(8,%r15),0(%r15)
	lghi	%r2,\save
	brasl	%r14,\handler
	ld	%f0,\save+0x80
	ld	%f1,\save+0x88
	ld	%f2,\save+0x90
	ld	%f3,\save+0x98
	ld	%f4,\save+0xa0
	ld	%f5,\save+0xa8
	ld	%f6,\save+0xb0
	ld	%f7,\save+0xb8
	lmg	%r0,%r15,\save
	lpswe	\oldpsw
	.endm

	.text
	TRAP_STUB trap_entry_pgm,     0x200, trap_pgm_stack,   trap_pgm,     0x150
	TRAP_STUB trap_entry_ext,     0x300, trap_ext_stack,   trap_ext,     0x130
	TRAP_STUB trap_entry_svc,     0x400, trap_fatal_stack, trap_svc,     0x140
	TRAP_STUB trap_entry_mck,     0x500, trap_fatal_stack, trap_mck,     0x160
	TRAP_STUB trap_entry_io,      0x600, trap_fatal_stack, trap_io,      0x170
	TRAP_STUB trap_entry_restart, 0x700, trap_fatal_stack, trap_restart, 0x120

	.section .stack,"aw",@nobits
	.balign	4096
	.space	8192
trap_pgm_stack:
	.space	4096
trap_ext_stack:
	.space	4096
trap_fatal_stack:
