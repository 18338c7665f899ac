/* t_share_index.c - the sharing index (kinds, domains, equal keys,
 * deletion, running full) and the scanner's rate limits. */
#include <stdlib.h>

#include "lib/share_index.h"
#include "lib/share_rate.h"
#include "tests/tap.h"

#define N 64

static void test_index(void)
{
	static struct share_entry e[N];
	static uint32_t b[16];
	struct share_index x;
	struct share_entry *a, *c, *d, *f;
	int all = 1, n = 0;

	share_index_init(&x, e, N, b, 16);
	a = share_index_add(&x, SHARE_SHARED, 1, 42, 0x1000);
	c = share_index_add(&x, SHARE_HINT, 1, 42, SHARE_REF(3, 7));
	d = share_index_add(&x, SHARE_SHARED, 2, 42, 0x2000);
	f = share_index_add(&x, SHARE_SHARED, 1, 42, 0x3000);
	tap_ok(a && c && d && f, "four entries added");
	tap_ok(share_index_find(&x, SHARE_HINT, 1, 42, 0) == c,
	       "a hint is found by kind, domain and key");
	tap_ok(share_index_find(&x, SHARE_SHARED, 2, 42, 0) == d &&
	       !share_index_find(&x, SHARE_SHARED, 2, 42, d),
	       "another domain's entry with the same key is its own");
	tap_ok(!share_index_find(&x, SHARE_SHARED, 3, 42, 0),
	       "a domain with nothing finds nothing");
	for (struct share_entry *i = share_index_find(&x, SHARE_SHARED, 1, 42, 0);
	     i; i = share_index_find(&x, SHARE_SHARED, 1, 42, i))
		n++;
	tap_eq(n, 2, "two shared frames with equal keys are both found");
	tap_eq(x.used[SHARE_SHARED], 3, "shared entries counted");
	share_index_rekind(&x, c, SHARE_SHARED);
	tap_ok(x.used[SHARE_SHARED] == 4 && x.used[SHARE_HINT] == 0 &&
	       !share_index_find(&x, SHARE_HINT, 1, 42, 0),
	       "a hint becomes a shared frame");
	share_index_del(&x, a);
	share_index_del(&x, a);
	tap_eq(x.used[SHARE_SHARED], 3, "deleting twice counts once");
	n = 0;
	for (struct share_entry *i = share_index_find(&x, SHARE_SHARED, 1, 42, 0);
	     i; i = share_index_find(&x, SHARE_SHARED, 1, 42, i))
		n += i == a;
	tap_eq(n, 0, "a deleted entry is not found");
	/* fill it up; every key comes back; then it is full */
	share_index_init(&x, e, N, b, 16);
	for (uint64_t k = 0; k < N; k++)
		all &= share_index_add(&x, SHARE_BLOCK, 0,
				       SHARE_BLOCK_KEY(0x300, k), k) != 0;
	tap_ok(all, "%d entries fit", N);
	tap_ok(!share_index_add(&x, SHARE_BLOCK, 0, 1, 1), "then it is full");
	for (uint64_t k = 0; k < N; k++) {
		f = share_index_find(&x, SHARE_BLOCK, 0, SHARE_BLOCK_KEY(0x300, k), 0);
		all &= f && f->where == k;
	}
	tap_ok(all, "each block is found with its frame");
	for (uint64_t k = 0; k < N; k += 2)
		share_index_del(&x, share_index_find(&x, SHARE_BLOCK, 0,
						     SHARE_BLOCK_KEY(0x300, k), 0));
	for (uint64_t k = 0; k < N; k++)
		all &= !share_index_find(&x, SHARE_BLOCK, 0,
					 SHARE_BLOCK_KEY(0x300, k), 0) == !(k & 1);
	tap_ok(all && x.used[SHARE_BLOCK] == N / 2,
	       "half deleted: the other half still found");
	for (uint64_t k = 0; k < N / 2; k++)
		all &= share_index_add(&x, SHARE_HINT, 5, k, k) != 0;
	tap_ok(all && !share_index_add(&x, SHARE_HINT, 5, 99, 99),
	       "the freed entries are used again, no more");
}

static void test_rate(void)
{
	struct share_rate g, h, t;
	uint64_t got = 0, now = 0;

	share_rate_init(&g, 50, 100000, 0);   /* 50 pages/s, 0.1 s burst */
	share_rate_init(&h, 50, 100000, 0);
	share_rate_init(&t, 200, 100000, 0);  /* 200 in all             */
	tap_eq(share_rate_take(&g, &t, 0, 1000), 5,
	       "a full bucket: a tenth of a second's pages");
	tap_eq(share_rate_take(&g, &t, 0, 1000), 0, "then empty");
	tap_eq(share_rate_take(&g, &t, 10000, 1000), 0,
	       "after 10 ms: half a page, none yet");
	tap_eq(share_rate_take(&g, &t, 20000, 1000), 1, "after 20 ms: one");
	for (now = 20000; now <= 10020000; now += 5000)
		got += share_rate_take(&g, &t, now, 1000);
	tap_ok(got >= 499 && got <= 501, "10 s at 50/s: %lu pages",
	       (unsigned long)got);
	tap_eq(share_rate_take(&g, &t, 1000000000ULL, 3), 3,
	       "after a long idle: asks for 3, gets 3");
	tap_eq(share_rate_take(&g, &t, 2000000000ULL, 1000), 5,
	       "a long idle fills only one burst");
	/* two guests at 150/s each, 200/s in all: the total binds */
	share_rate_init(&g, 150, 100000, 0);
	share_rate_init(&h, 150, 100000, 0);
	share_rate_init(&t, 200, 100000, 0);
	got = 0;
	for (now = 0; now <= 10000000; now += 5000)
		got += share_rate_take(&g, &t, now, 1000) +
		       share_rate_take(&h, &t, now, 1000);
	tap_ok(got >= 1990 && got <= 2021, "two guests at 150/s, 200/s in "
	       "all, 10 s: %lu pages", (unsigned long)got);
	share_rate_init(&g, 0, 100000, 0);
	tap_eq(share_rate_take(&g, &t, 20000000, 10), 0, "rate 0: nothing");
}

int main(void)
{
	test_index();
	test_rate();
	return tap_done();
}
