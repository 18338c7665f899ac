/* t_slotmap.c - the paging device's slot bitmap and the page checksum. */
#include <stdlib.h>
#include <string.h>

#include "lib/pagesum.h"
#include "lib/slotmap.h"
#include "tests/tap.h"

static void test_slotmap(uint64_t n)
{
	uint64_t bits[SLOTMAP_WORDS(200)];
	struct slotmap m;
	int seen_ok = 1, order_ok = 1;
	char seen[200] = { 0 };

	slotmap_init(&m, bits, n);
	for (uint64_t i = 0; i < n; i++) {
		uint64_t s = slotmap_alloc(&m);

		if (s >= n || seen[s])
			seen_ok = 0;
		else
			seen[s] = 1;
		if (s != i)
			order_ok = 0;
	}
	tap_ok(seen_ok, "%lu slots: each handed out once", (unsigned long)n);
	tap_ok(order_ok, "%lu slots: in order from empty", (unsigned long)n);
	tap_ok(slotmap_alloc(&m) == SLOTMAP_NONE, "%lu slots: then none",
	       (unsigned long)n);
	tap_eq(m.used, n, "used counts them");
	tap_eq(slotmap_free(&m, n / 2), 0, "free one");
	tap_eq(slotmap_free(&m, n / 2), -1, "freeing it twice is refused");
	tap_eq(slotmap_free(&m, n), -1, "freeing past the end is refused");
	tap_eq(slotmap_alloc(&m), n / 2, "the freed slot comes back");
	tap_ok(slotmap_alloc(&m) == SLOTMAP_NONE, "and is the only one");
}

int main(void)
{
	uint64_t bits[SLOTMAP_WORDS(130)], page[512], other[512];
	struct slotmap m;
	uint64_t a, b, c, sum;

	test_slotmap(1);
	test_slotmap(64);
	test_slotmap(130);
	test_slotmap(200);

	/* next fit: after a free behind the cursor, the cursor goes on */
	slotmap_init(&m, bits, 130);
	a = slotmap_alloc(&m);
	b = slotmap_alloc(&m);
	slotmap_free(&m, a);
	c = slotmap_alloc(&m);
	tap_ok(a == 0 && b == 1 && c == 2, "next fit: %lu %lu %lu",
	       (unsigned long)a, (unsigned long)b, (unsigned long)c);

	srand(7);
	for (int i = 0; i < 512; i++)
		page[i] = (uint64_t)rand() << 32 | (uint64_t)rand();
	sum = pagesum(page);
	tap_ok(sum == pagesum(page), "pagesum is deterministic");
	memcpy(other, page, sizeof(page));
	other[300] ^= 1;
	tap_ok(pagesum(other) != sum, "one flipped bit changes the sum");
	memcpy(other, page, sizeof(page));
	other[10] = page[11];
	other[11] = page[10];
	tap_ok(pagesum(other) != sum, "two swapped words change the sum");
	memset(other, 0, sizeof(other));
	tap_ok(pagesum(other) != pagesum(page), "a zero page differs");
	return tap_done();
}
