# nowake.S - a guest that loads an enabled wait PSW, its iters= argument
# choosing what could end the wait (docs/guest-abi.md, "Time"):
#   1 clock-comparator subclass on, clock comparator all ones ("never")
#   2 external interruptions enabled, but no subclass (nothing can come)
#   3 CPU-timer subclass on, CPU timer at its largest (71 years)
#   4 clock comparator 10 ms ahead: woken by interruption 0x1004, exit 0
# Cases 1-3 can never be woken: the host must stop the guest at once.
	.text
	.globl	_start
_start:
	larl	%r4,params
	lghi	%r5,128
	diag	%r4,%r5,0x408		# parameters
	lg	%r2,0x40(%r4)		# arg[1] (iters): the case
	larl	%r1,ext_new
	mvc	0x1b0(16,%r0),0(%r1)	# external new PSW -> ext_handler
	larl	%r1,pgm_new
	mvc	0x1d0(16,%r0),0(%r1)	# program new PSW -> exit 0xfd
	larl	%r6,cr0
	stctg	%c0,%c0,0(%r6)
	larl	%r7,waitpsw
	chi	%r2,1
	je	case1
	chi	%r2,2
	je	case2
	chi	%r2,3
	je	case3
	chi	%r2,4
	je	case4
	lghi	%r9,0xfe
	diag	%r9,%r0,0x404

case1:	oi	6(%r6),0x08		# CR0 bit 52: clock comparator
	lctlg	%c0,%c0,0(%r6)
	larl	%r1,ones
	sckc	0(%r1)
	lpswe	0(%r7)
case2:	lpswe	0(%r7)			# CR0 as reset: no subclass
case3:	oi	6(%r6),0x04		# CR0 bit 53: CPU timer
	lctlg	%c0,%c0,0(%r6)
	larl	%r1,maxpos
	spt	0(%r1)
	lpswe	0(%r7)
case4:	oi	6(%r6),0x08
	lctlg	%c0,%c0,0(%r6)
	larl	%r1,when
	stck	0(%r1)
	lg	%r2,0(%r1)
	agfi	%r2,40960000		# + 10 ms (4096 TOD units a us)
	stg	%r2,0(%r1)
	sckc	0(%r1)
	lpswe	0(%r7)

ext_handler:
	lghi	%r9,0
	lh	%r1,0x86(%r0)		# external interruption code
	chi	%r1,0x1004
	je	1f
	lghi	%r9,0xfc
1:	diag	%r9,%r0,0x404
pgm_handler:
	lghi	%r9,0xfd
	diag	%r9,%r0,0x404

	.data
	.balign	8
waitpsw: .quad	0x0102000180000000, 0	# wait, external enabled, 64-bit
ext_new: .quad	0x0000000180000000, ext_handler
pgm_new: .quad	0x0000000180000000, pgm_handler
ones:	.quad	0xffffffffffffffff
maxpos:	.quad	0x7fffffffffffffff
when:	.quad	0
cr0:	.quad	0
params:	.space	128
