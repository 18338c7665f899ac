# sie_entry.S - void sie_enter(struct sie_block *sd, uint64_t *gprs)
# Interpretive execution of one guest until it is intercepted.
# Guest r0-r13 travel in host r0-r13 across the SIE instruction; guest
# r14/r15 are in the state descriptor. Host r14 (the descriptor) and r15
# (the stack) are the two registers SIE does not hand to the guest.
# Host interruptions are enabled only while the guest runs: sie.c turns
# one that lands on the SIE instruction into a return through sie_exit.

	.text
	.globl	sie_enter, sie_insn, sie_exit
sie_enter:
	stmg	%r6,%r14,48(%r15)	# callee-saved registers
	lgr	%r1,%r15
	aghi	%r15,-240
	stg	%r1,0(%r15)		# back chain
	stg	%r3,160(%r15)		# remember where guest GPRs go
	std	%f8,176(%r15)		# the host's f8-f15 (callee-saved;
	std	%f9,184(%r15)		# gcc spills into them)
	std	%f10,192(%r15)
	std	%f11,200(%r15)
	std	%f12,208(%r15)
	std	%f13,216(%r15)
	std	%f14,224(%r15)
	std	%f15,232(%r15)
	# the guest's access and floating-point registers and FPC, which
	# SIE takes from and leaves in the CPU's (struct guest: after gprs)
	lam	%a0,%a15,128(%r3)
	ld	%f0,192(%r3)
	ld	%f1,200(%r3)
	ld	%f2,208(%r3)
	ld	%f3,216(%r3)
	ld	%f4,224(%r3)
	ld	%f5,232(%r3)
	ld	%f6,240(%r3)
	ld	%f7,248(%r3)
	ld	%f8,256(%r3)
	ld	%f9,264(%r3)
	ld	%f10,272(%r3)
	ld	%f11,280(%r3)
	ld	%f12,288(%r3)
	ld	%f13,296(%r3)
	ld	%f14,304(%r3)
	ld	%f15,312(%r3)
	lfpc	320(%r3)
	lgr	%r14,%r2		# r14 = state descriptor
	lmg	%r0,%r13,0(%r3)		# guest r0-r13
	stosm	168(%r15),0x03		# host I/O + external on
sie_insn:
	sie	0(%r14)
sie_exit:
	stnsm	168(%r15),0xfc		# and off again
	lg	%r14,160(%r15)
	stmg	%r0,%r13,0(%r14)	# guest r0-r13 back to the array
	stam	%a0,%a15,128(%r14)
	std	%f0,192(%r14)
	std	%f1,200(%r14)
	std	%f2,208(%r14)
	std	%f3,216(%r14)
	std	%f4,224(%r14)
	std	%f5,232(%r14)
	std	%f6,240(%r14)
	std	%f7,248(%r14)
	std	%f8,256(%r14)
	std	%f9,264(%r14)
	std	%f10,272(%r14)
	std	%f11,280(%r14)
	std	%f12,288(%r14)
	std	%f13,296(%r14)
	std	%f14,304(%r14)
	std	%f15,312(%r14)
	stfpc	320(%r14)
	lfpc	zero_fpc		# the host's FPC: zero
	ld	%f8,176(%r15)
	ld	%f9,184(%r15)
	ld	%f10,192(%r15)
	ld	%f11,200(%r15)
	ld	%f12,208(%r15)
	ld	%f13,216(%r15)
	ld	%f14,224(%r15)
	ld	%f15,232(%r15)
	aghi	%r15,240
	lmg	%r6,%r14,48(%r15)
	br	%r14

	.section .rodata
	.align	4
zero_fpc:
	.long	0
