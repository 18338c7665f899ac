# loop.S - a guest that never ends, never waits and never yields: the
# scheduler's time slice is all that keeps it from owning the CPU.
	.text
	.globl	_start
_start:
	lghi	%r1,0
1:	aghi	%r1,1
	j	1b
