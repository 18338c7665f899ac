# pageout.S - writes a page, asks the host to page it out now (test hook
# DIAG 0x4F0, action 2), reads it back and exits 0 if the data came back.
# Run with --test-corrupt-slot the host must refuse to hand it bad data.
	.text
	.globl	_start
_start:
	llilf	%r6,0x30000		# the page
	mvhi	0(%r6),0x1234
	lghi	%r7,2
	diag	%r6,%r7,0x4f0		# page it out
	ltgr	%r7,%r7			# R3 = 0: done
	jnz	fail
	l	%r8,0(%r6)		# page-in on touch
	chi	%r8,0x1234
	jne	fail
	lghi	%r9,0
	diag	%r9,%r0,0x404
fail:	lghi	%r9,1
	diag	%r9,%r0,0x404
