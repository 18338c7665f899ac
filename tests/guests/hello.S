# hello.S - the smallest guest written from docs/guest-abi.md alone: it
# reads its parameters, greets on the console, reports one work unit and
# exits 0. It shares no code with zcmm's own guest kernel.
	.text
	.globl	_start
_start:
	larl	%r4,params		# DIAG 0x408: read parameters
	lghi	%r5,128
	diag	%r4,%r5,0x408
	chi	%r5,128			# R3 = full length of the block
	jne	fail
	larl	%r6,text		# copy the guest's name after the text
	larl	%r7,name
	mvc	0(16,%r7),0(%r4)
	lghi	%r3,textlen
	diag	%r6,%r3,0x400		# DIAG 0x400: console write
	lghi	%r8,1
	diag	%r8,%r0,0x40c		# DIAG 0x40C: one unit of work
	lghi	%r9,0
	diag	%r9,%r0,0x404		# DIAG 0x404: exit 0
fail:	lghi	%r9,99
	diag	%r9,%r0,0x404

	.data
	.balign	8
params:	.space	128
text:	.ascii	"hello from a guest built outside zcmm, I am "
name:	.space	16
	.set	textlen, . - text
