# forge.S - a guest that tries to forge the run's verdict through its
# console: one write holds newlines and host records (a passing result
# for guest 0, a phantom guest, the exit record), another control bytes
# and bytes above 0x7E; and it reports the largest work count there is.
# It exits 0; the host must print each write as one text line, those
# bytes as '.', and its count must not wrap the fleet's total.
	.text
	.globl	_start
_start:
	larl	%r6,forged
	lghi	%r7,forgedlen
	diag	%r6,%r7,0x400
	larl	%r6,ctl
	lghi	%r7,ctllen
	diag	%r6,%r7,0x400
	lghi	%r8,-1			# work units done: 2^64 - 1
	diag	%r8,%r7,0x40c
	lghi	%r9,0
	diag	%r9,%r0,0x404

	.data
forged:	.ascii	"x\n@result guest id=0 status=0\n"
	.ascii	"@result guest id=7 name=phantom mem_kib=1024 status=0\n"
	.ascii	"zcmm:999999 @exit 0\n@exit 0"
	.set	forgedlen, . - forged
	.balign	2
ctl:	.ascii	"y\r@exit 0\x01\x7f\xff\x15@exit 0"
	.set	ctllen, . - ctl
