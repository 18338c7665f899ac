# expect.S - a guest that breaks one rule of docs/guest-abi.md, chosen by
# its iters= argument, and exits with the program interruption code it
# was given (0xff if none came):
#   1 unknown hypercall code        -> specification (6)
#   2 console write outside storage -> addressing (5)
#   3 console write of length 0     -> specification (6)
#   4 DIAG in problem state         -> privileged operation (2)
#   5 SCK, which zcmm does not offer -> operation (1)
#   6 an opcode no machine has      -> operation (1)
#   7 read parameters, misaligned   -> specification (6)
	.text
	.globl	_start
_start:
	larl	%r1,pgm_new_psw
	mvc	0x1d0(16,%r0),0(%r1)	# program new PSW -> pgm_handler
	larl	%r4,params
	lghi	%r5,128
	diag	%r4,%r5,0x408
	lg	%r2,0x40(%r4)		# arg[1] (iters): the case
	sllg	%r2,%r2,3
	larl	%r1,cases
	lg	%r1,0(%r2,%r1)
	br	%r1

case_none:
	lghi	%r9,0xfe
	j	out
case1:	diag	%r0,%r0,0x4fc
	j	none
case2:	llilf	%r6,0x7ffff000
	lghi	%r7,10
	diag	%r6,%r7,0x400
	j	none
case3:	larl	%r6,params
	lghi	%r7,0
	diag	%r6,%r7,0x400
	j	none
case4:	larl	%r1,problem_psw
	larl	%r2,1f
	stg	%r2,8(%r1)
	lpswe	0(%r1)
1:	diag	%r0,%r0,0x44
	j	none
case5:	larl	%r1,params
	sck	0(%r1)
	j	none
case6:	.hword	0x0000
	j	none
case7:	larl	%r4,params
	aghi	%r4,4
	lghi	%r5,8
	diag	%r4,%r5,0x408
	j	none
none:	lghi	%r9,0xff
out:	diag	%r9,%r0,0x404

pgm_handler:				# exit with the interruption code
	llgh	%r9,0x8e
	j	out

	.data
	.balign	16
pgm_new_psw:
	.quad	0x0000000180000000, pgm_handler
problem_psw:
	.quad	0x0001000180000000, 0
cases:	.quad	case_none, case1, case2, case3, case4, case5, case6, case7
params:	.space	128
