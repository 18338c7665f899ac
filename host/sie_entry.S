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
	aghi	%r15,-176
	stg	%r1,0(%r15)		# back chain
	stg	%r3,160(%r15)		# remember where guest GPRs go
	lgr	%r14,%r2		# r14 = state descriptor
	lmg	%r0,%r13,0(%r3)		# guest r0-r13
	stosm	168(%r15),0x03		# host I/O + external on
sie_insn:
	sie	0(%r14)
sie_exit:
	stnsm	168(%r15),0xfc		# and off again
	lg	%r14,160(%r15)
	stmg	%r0,%r13,0(%r14)	# guest r0-r13 back to the array
	aghi	%r15,176
	lmg	%r6,%r14,48(%r15)
	br	%r14
