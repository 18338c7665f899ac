/* t_unservable.c - the last resort's rule (lib/unservable.c): what each
 * guest may still take of the paging space; nothing is halted while the
 * slots left hold it all, nor the last running guest; then the lowest
 * rho with the idle tax goes, reserves and limits no shield, ties to the
 * larger then the lower index, and only a guest whose storage the free
 * slots hold whole. */
#include "lib/unservable.h"
#include "tests/tap.h"

static struct share_acct acct(uint64_t s, uint64_t p, uint64_t a)
{
	struct share_acct g = { .shares = s, .frames = p, .active = a,
				.npages = 512, .eligible = 1 };

	return g;
}

static void test_owed(void)
{
	tap_eq(unservable_owed(510, 0, 100, 1), 510,
	       "running, nothing paged out: all it was admitted with");
	tap_eq(unservable_owed(510, 200, 300, 1), 310,
	       "running: less the slots it holds");
	tap_eq(unservable_owed(510, 600, 0, 1), 0,
	       "running, more held than committed: owes nothing");
	tap_eq(unservable_owed(510, 200, 300, 0), 298,
	       "stopped: its resident pages but the prefix pages");
	tap_eq(unservable_owed(510, 200, 2, 0), 0,
	       "halted and pushed out: nothing more");
}

static void test_when(void)
{
	struct share_acct g[3] = { acct(1000, 200, 200), acct(1000, 100, 100),
				   acct(1000, 50, 50) };

	tap_eq(unservable_pick(g, 3, 75, 1000, 1000), -1,
	       "the slots left hold what every guest may take: nobody halted");
	tap_eq(unservable_pick(g, 3, 75, 1001, 1000), 0,
	       "one slot short: the lowest rho is halted");
	tap_eq(unservable_pick(g, 3, 75, 1001, 198), 0,
	       "slots for exactly its 198 pages: still halted whole");
	tap_eq(unservable_pick(g, 3, 75, 1001, 197), 1,
	       "one slot short of it: the next lowest rho whose pages fit");
	tap_eq(unservable_pick(g, 3, 75, 1001, 48), 2, "only the smallest fits");
	tap_eq(unservable_pick(g, 3, 75, 1001, 47), -1,
	       "no guest's storage fits the slots left: nobody halted");
	g[1].eligible = g[2].eligible = 0;
	tap_eq(unservable_pick(g, 3, 75, 1001, 0), -1,
	       "the last running guest is never halted");
	g[2].eligible = 1;
	tap_eq(unservable_pick(g, 3, 75, 1001, 60), 2,
	       "stopped guests are not candidates (two run: the one that fits)");
}

static void test_who(void)
{
	struct share_acct g[2] = { acct(1000, 100, 100), acct(1000, 100, 5) };

	tap_eq(unservable_pick(g, 2, 75, 999, 200), 1,
	       "same frames and shares, tax 75%%: the idle guest is halted");
	tap_eq(unservable_pick(g, 2, 0, 999, 200), 0,
	       "tax 0: equal rho, equal frames: the lower index");
	g[0] = acct(3000, 150, 150);
	g[1] = acct(1000, 100, 100);
	tap_eq(unservable_pick(g, 2, 0, 999, 200), 1,
	       "shares 3:1 on 150:100 frames: the guest with fewer shares per page");
	g[1].reserve = 100;
	g[1].limit = 100;
	tap_eq(unservable_pick(g, 2, 0, 999, 200), 1,
	       "a reserve and a limit do not shield it");
	g[0] = acct(1000, 100, 100);
	g[1] = acct(2000, 200, 200);
	tap_eq(unservable_pick(g, 2, 0, 999, 300), 1,
	       "equal rho: the guest holding more frames");
	g[1] = acct(1000, 0, 0);
	tap_eq(unservable_pick(g, 2, 0, 999, 300), 0,
	       "a guest holding nothing has nothing to push: the other");
	g[0] = acct(1000, 2, 2);
	tap_eq(unservable_pick(g, 2, 0, 999, 300), -1,
	       "a guest holding only its prefix pages frees nothing: not halted");
}

int main(void)
{
	test_owed();
	test_when();
	test_who();
	return tap_done();
}
