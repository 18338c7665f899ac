/* vdisk.c - block I/O through DIAG 0x410: a parameter list and entries in
 * kernel data (stable, never hinted), one call per batch; the host runs
 * other guests until it completes. Counts blocks and time per call. */
#include "guest/vdisk.h"
#include "guest/console.h"
#include "guest/hcall.h"
#include "guest/timer.h"

struct vdisk_gstats vdisk_gstats;
static struct vdisk_biopl pl __attribute__((aligned(8)));
static struct vdisk_bioe list[VDISK_MAX_ENTRIES] __attribute__((aligned(16)));

uint64_t vdisk_call(struct vdisk_biopl *p, uint64_t fn)
{
	uint64_t r1 = (uint64_t)p;

	asm volatile("diag %0,%1,0x410" : "+d"(r1), "+d"(fn) : : "memory", "cc");
	return fn;
}

uint64_t vdisk_blocks(unsigned disk, uint16_t *flags)
{
	pl = (struct vdisk_biopl){ .disk = (uint16_t)disk };
	if (vdisk_call(&pl, VDISK_FN_QUERY) != VDISK_RC_OK)
		return 0;
	if (flags)
		*flags = pl.flags;
	return pl.blocks;
}

uint64_t vdisk_rw(unsigned disk, int type, unsigned n, const uint32_t *block,
		  const uint64_t *buf, uint8_t *st)
{
	uint64_t t0, dt, rc;
	unsigned i;

	for (i = 0; i < n; i++)
		list[i] = (struct vdisk_bioe){ .type = (uint8_t)type,
					       .block = block[i], .buf = buf[i] };
	pl = (struct vdisk_biopl){ .disk = (uint16_t)disk, .count = n,
				   .list = (uint64_t)list };
	t0 = timer_tod();
	rc = vdisk_call(&pl, VDISK_FN_IO);
	dt = timer_tod() - t0;
	vdisk_gstats.calls++;
	if (dt > vdisk_gstats.max_tod)
		vdisk_gstats.max_tod = dt;
	if (type == VDISK_READ) {
		vdisk_gstats.reads += pl.done;
		vdisk_gstats.read_tod += dt;
	} else {
		vdisk_gstats.writes += pl.done;
		vdisk_gstats.write_tod += dt;
	}
	vdisk_gstats.errors += n - pl.done;
	for (i = 0; st && i < n; i++)
		st[i] = list[i].status;
	return rc;
}

static void one(unsigned disk, int type, uint32_t block, uint64_t buf)
{
	uint8_t st;
	uint64_t rc = vdisk_rw(disk, type, 1, &block, &buf, &st);

	if (rc != VDISK_RC_OK)
		panic(GS_DISK, "vdisk: %s disk %u block %u into 0x%lx: rc %lu "
		      "status %u", type == VDISK_READ ? "read" : "write", disk,
		      block, (unsigned long)buf, (unsigned long)rc, st);
}

void vdisk_read1(unsigned disk, uint32_t block, uint64_t buf)
{
	one(disk, VDISK_READ, block, buf);
}

void vdisk_write1(unsigned disk, uint32_t block, uint64_t buf)
{
	one(disk, VDISK_WRITE, block, buf);
}

void vdisk_summary(void)
{
	struct vdisk_gstats *s = &vdisk_gstats;

	if (!s->calls)
		return;
	printf("vdisk: calls=%lu reads=%lu writes=%lu errors=%lu "
	       "read_us_avg=%lu write_us_avg=%lu call_us_max=%lu\n",
	       (unsigned long)s->calls, (unsigned long)s->reads,
	       (unsigned long)s->writes, (unsigned long)s->errors,
	       (unsigned long)(s->reads ? s->read_tod / TOD_PER_US / s->reads : 0),
	       (unsigned long)(s->writes ? s->write_tod / TOD_PER_US / s->writes : 0),
	       (unsigned long)(s->max_tod / TOD_PER_US));
}
