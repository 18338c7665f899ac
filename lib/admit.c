/* admit.c - see admit.h. Storage is counted in frames and slots, and the
 * message rounds what is needed up and what is free down to MiB, so it
 * never says "0 MiB short". */
#include "lib/admit.h"
#include "lib/fmt.h"
#include "zcmm/admit.h"

#define PAGES_PER_MIB 256

static uint64_t mib_up(uint64_t pages)
{
	return (pages + PAGES_PER_MIB - 1) / PAGES_PER_MIB;
}

int admit_fleet(const struct admit_guest *g, unsigned n, int disks,
		uint64_t free_frames, uint64_t free_slots,
		struct admit_total *t, char *msg, size_t len)
{
	uint64_t frames = free_frames > ZCMM_ADMIT_FREE_MIN
			  ? free_frames - ZCMM_ADMIT_FREE_MIN : 0;
	uint64_t slots = free_slots;

	t->frames = t->slots = 0;
	for (unsigned i = 0; i < n; i++) {
		struct zcmm_admit_need need;
		uint64_t f;

		zcmm_admit_need(g[i].mem_bytes, g[i].reserve_bytes, disks, &need);
		f = need.host_frames + need.resident;
		if (f > frames) {
			fmt_snprintf(msg, len, "admission: guest %s does not fit: "
				     "its reserve and the host's tables for it "
				     "need %lu MiB of storage, %lu MiB are free "
				     "after the guests before it: %lu MiB short "
				     "(give more --storage, or a smaller reserve)",
				     g[i].name, (unsigned long)mib_up(f),
				     (unsigned long)(frames / PAGES_PER_MIB),
				     (unsigned long)mib_up(f - frames));
			return (int)i;
		}
		if (need.slots > slots) {
			fmt_snprintf(msg, len, "admission: guest %s does not fit: "
				     "its storage outside its reserve needs %lu "
				     "MiB of paging space, %lu MiB are free after "
				     "the guests before it: %lu MiB short (give "
				     "more --paging-size, or a larger reserve)",
				     g[i].name, (unsigned long)mib_up(need.slots),
				     (unsigned long)(slots / PAGES_PER_MIB),
				     (unsigned long)mib_up(need.slots - slots));
			return (int)i;
		}
		frames -= f;
		slots -= need.slots;
		t->frames += f;
		t->slots += need.slots;
	}
	if (len)
		msg[0] = 0;
	return -1;
}
