/* t_guest_pattern.c - the guest's page pattern: it verifies what it
 * filled, and it catches a flipped word anywhere, a wrong generation, a
 * wrong page, guest or seed, a zeroed page, and reports where. */
#include <stdint.h>
#include <string.h>

#include "lib/pattern.h"
#include "tests/tap.h"

static uint64_t page[PATTERN_WORDS] __attribute__((aligned(4096)));

static int bad_with(struct pattern_id id, struct pattern_bad *bad)
{
	return pattern_verify(page, &id, bad);
}

int main(void)
{
	struct pattern_id id = { .seed = 0x1234, .guest = 3, .gen = 5,
				 .page = 0x42 };
	struct pattern_id other;
	struct pattern_bad bad;
	uint32_t w;
	int all, where, what;

	pattern_fill(page, &id);
	tap_eq(pattern_verify(page, &id, &bad), 0, "a filled page verifies");
	tap_eq(page[1] - page[0] == PATTERN_STEP, 1, "words step by PATTERN_STEP");

	for (all = where = what = 1, w = 0; w < PATTERN_WORDS; w++) {
		uint64_t keep = page[w];

		page[w] ^= 1ULL << (w % 64);
		memset(&bad, 0xff, sizeof(bad));
		all &= pattern_verify(page, &id, &bad) == -1;
		where &= bad.word == w && bad.nbad == 1;
		what &= bad.expected == keep && bad.found == (keep ^ 1ULL << (w % 64));
		page[w] = keep;
	}
	tap_ok(all, "a one-bit flip in any of the 512 words is caught");
	tap_ok(where, "... at the right word offset, and only that word");
	tap_ok(what, "... with the expected and the found value");
	tap_eq(pattern_verify(page, &id, &bad), 0, "the restored page verifies");

	page[511] = 0;
	page[17] = 0;
	tap_eq(pattern_verify(page, &id, &bad), -1, "two bad words caught");
	tap_eq(bad.word, 17, "... the first one reported");
	tap_eq(bad.nbad, 2, "... both counted");
	pattern_fill(page, &id);

	other = id;
	other.gen = 4;
	tap_eq(bad_with(other, &bad), -1, "previous generation caught");
	tap_eq(bad.word == 0 && bad.nbad == PATTERN_WORDS, 1,
	       "... every word differs");
	other.gen = 6;
	tap_eq(bad_with(other, &bad), -1, "next generation caught");
	other = id;
	other.page = 0x43;
	tap_eq(bad_with(other, &bad), -1, "neighbouring page caught");
	other.page = 0x42 | 1ULL << 40;
	tap_eq(bad_with(other, &bad), -1, "page number high bits matter");
	other = id;
	other.guest = 4;
	tap_eq(bad_with(other, &bad), -1, "another guest's page caught");
	other = id;
	other.seed = 0x1235;
	tap_eq(bad_with(other, &bad), -1, "another seed caught");

	memset(page, 0, sizeof(page));
	tap_eq(pattern_verify(page, &id, &bad), -1, "a zeroed page caught");
	tap_eq(bad.nbad >= PATTERN_WORDS - 1, 1, "... nearly every word");
	other = id;
	other.gen = 0;
	other.page = 0;
	other.seed = 0;
	other.guest = 0;
	tap_eq(pattern_verify(page, &other, &bad), -1,
	       "a zeroed page fails even the all-zero id");

	/* a page shifted by one word (content copied off by 8 bytes) */
	pattern_fill(page, &id);
	memmove(page, page + 1, sizeof(page) - 8);
	tap_eq(pattern_verify(page, &id, &bad), -1, "shifted content caught");

	/* distinct generations give distinct bases (no short cycles) */
	for (all = 1, w = 0; w < 4096; w++) {
		struct pattern_id a = id, b = id;

		a.gen = w;
		b.gen = w + 1;
		all &= pattern_base(&a) != pattern_base(&b);
	}
	tap_ok(all, "4096 successive generations all differ from the next");

	return tap_done();
}
