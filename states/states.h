/* states.h - the page-state machine's API: guest usage x host content, the
 * ESSA operations, the host's transitions (discard, page-out, page-in, zero
 * fill) and what a guest access means. Freestanding pure functions, no
 * globals; every semantic decision is written down in states/README.md. */
#ifndef ZCMM_STATES_H
#define ZCMM_STATES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* --- encodings ----------------------------------------------------------
 * The numeric values are the ESSA result encodings (r1 bits 60-61 and
 * 62-63), so a state converts to its r1 value by shifting, not by lookup. */

enum page_usage {                 /* guest's block-usage state          */
	PAGE_USAGE_STABLE = 0,        /* S: content is needed               */
	PAGE_USAGE_UNUSED = 1,        /* U: no content; access is a bug     */
	PAGE_USAGE_POT_VOLATILE = 2,  /* P: discardable while unchanged     */
	PAGE_USAGE_VOLATILE = 3,      /* V: discardable at any time         */
};

enum page_content {               /* host's block-content state         */
	PAGE_CONTENT_RESIDENT = 0,    /* r: in a host frame                 */
	PAGE_CONTENT_PRESERVED = 2,   /* p: on the paging device            */
	PAGE_CONTENT_ZERO = 3,        /* z: logically zero, no copy at all  */
};

/* r1 layout of ESSA (bit 63 is the least significant bit). */
#define ESSA_R1_USAGE_SHIFT    2
#define ESSA_R1_USAGE_MASK     0x0cu  /* bits 60-61: enum page_usage    */
#define ESSA_R1_CONTENT_MASK   0x03u  /* bits 62-63: enum page_content  */
#define ESSA_R1_NODAT          0x20u  /* bit 58: stable, not a DAT table */
#define ESSA_R1_EXCEPTION      0x10u  /* bit 59: state not available    */

/* ESSA operation request codes (the m3 field). */
enum essa_op {
	ESSA_EXTRACT = 0,             /* report the state, change nothing   */
	ESSA_SET_STABLE = 1,
	ESSA_SET_UNUSED = 2,
	ESSA_SET_VOLATILE = 3,
	ESSA_SET_POT_VOLATILE = 4,
	ESSA_SET_STABLE_RESIDENT = 5, /* stable, and make it resident now   */
	ESSA_SET_STABLE_IF_RESIDENT = 6,
	ESSA_SET_STABLE_NODAT = 7,    /* needs facility 147                 */
};
#define ESSA_NOPS 8                   /* codes 8-15 are invalid          */

/* Program-interruption codes the state machine can ask for. */
#define STATES_PGM_ADDRESSING    0x05
#define STATES_PGM_SPECIFICATION 0x06
#define STATES_PGM_DISCARD_FAULT 0x1a

struct page_state {
	enum page_usage usage;
	enum page_content content;
	bool nodat;                   /* only ever set together with S      */
};

/* The eight valid states, in the order reports count them. */
#define STATES_NVALID 8              /* Sr Sp Sz Ur Uz Vr Vz Pr          */

/* --- states.c: validity, names, encodings ------------------------------ */

/* A guest's storage after IPL/reset: stable, logically zero. */
struct page_state states_initial(void);
struct page_state states_make(enum page_usage u, enum page_content c);
/* One of Sr Sp Sz Ur Uz Vr Vz Pr, with no-DAT only on S. */
bool states_valid(struct page_state st);
bool states_equal(struct page_state a, struct page_state b);
/* 0..7 in the order Sr Sp Sz Ur Uz Vr Vz Pr, -1 if not valid. */
int states_index(struct page_state st);
struct page_state states_by_index(int i);
/* "Sr", "Vz", ...; invalid pairs get their letters too ("Up"), anything
 * out of range "??". No-DAT is not part of the name. */
const char *states_name(struct page_state st);
/* The r1 byte: usage<<2 | content | nodat 0x20. Also a compact form the
 * host may store per page. Only meaningful for valid states. */
uint8_t states_encode(struct page_state st);
/* Inverse of states_encode (ignores bits above 0x3f except that
 * ESSA_R1_EXCEPTION makes it fail); false if r1 is not a valid state. */
bool states_decode(uint64_t r1, struct page_state *st);

/* --- essa.c: the guest's ESSA operations ------------------------------- */

enum essa_action {
	ESSA_ACT_NONE = 0,     /* update the state, resume the guest         */
	ESSA_ACT_DROP = 1,     /* the preserved copy is dead: free its slot  */
	ESSA_ACT_FRAME = 2,    /* give the page a frame before resuming: page
				* in if it was preserved, zero fill if zero  */
	ESSA_ACT_EXCEPTION = 3,/* inject program exception pgm; the ESSA is
				* suppressed: r1 and the state stay as they are */
	ESSA_ACT_BAD_STATE = 4,/* the host's own record is not a valid state:
				* a host bug; r1 = 0x10, state unchanged     */
};
#define ESSA_NACTIONS 5

struct essa_result {
	uint64_t r1;                  /* store into the guest's r1 (unless
				       * action is ESSA_ACT_EXCEPTION)     */
	struct page_state state;      /* the page's state afterwards        */
	enum essa_action action;
	bool reset_change;            /* reset the frame's change bit: the
				       * guest declared the content clean   */
	uint8_t pgm;                  /* program code for EXCEPTION, else 0 */
};

/* Apply ESSA operation request code `orc` (the raw m3 field, 0-15) to a
 * page in state `st`. `dirty` is the guest's change bit of the page: the
 * storage-key change bit of the host frame if resident, the bit the host
 * saved at page-out if preserved, ignored if logically zero.
 * `nodat_facility` says whether the guest was offered facility 147. */
struct essa_result essa_apply(struct page_state st, bool dirty,
			      unsigned int orc, bool nodat_facility);
const char *essa_op_name(unsigned int orc);        /* "set volatile" */
const char *essa_action_name(enum essa_action a);  /* "drop" */

/* --- host.c: the host's side and guest accesses ----------------------- */

enum states_host_op {
	STATES_HOST_DISCARD = 0,   /* free a resident frame with no I/O      */
	STATES_HOST_PAGE_OUT = 1,  /* write a resident frame to a slot       */
	STATES_HOST_PAGE_IN = 2,   /* read a preserved page into a frame     */
	STATES_HOST_ZERO_FILL = 3, /* first touch of a logically zero S page */
};
#define STATES_HOST_NOPS 4

enum states_verdict {
	STATES_DONE = 0,           /* allowed; the state is now .state       */
	STATES_REFUSED = 1,        /* not allowed in this state; unchanged   */
	STATES_BAD = 2,            /* the input is not a valid state         */
};

struct states_host_result {
	enum states_verdict verdict;
	struct page_state state;
	bool dirty;                /* the guest change bit afterwards: what
				    * to save with the slot on page-out, to
				    * set in the frame's key on page-in     */
};

struct states_host_result states_host_discard(struct page_state st, bool dirty);
struct states_host_result states_host_page_out(struct page_state st, bool dirty);
struct states_host_result states_host_page_in(struct page_state st, bool dirty);
struct states_host_result states_host_zero_fill(struct page_state st, bool dirty);
struct states_host_result states_host_apply(enum states_host_op op,
					    struct page_state st, bool dirty);
const char *states_host_op_name(enum states_host_op op);
const char *states_verdict_name(enum states_verdict v);

/* What a guest access that reaches the host (a host DAT fault on the
 * page, or an intercept) means. */
enum states_access_kind {
	STATES_ACCESS_NORMAL = 0,    /* resident: map it, let the guest run  */
	STATES_ACCESS_PAGE_IN = 1,   /* Sp: page in, then retry              */
	STATES_ACCESS_ZERO_FILL = 2, /* Sz: zeroed frame, then retry         */
	STATES_ACCESS_DISCARD = 3,   /* Vz: discard fault, pgm 0x1A          */
	STATES_ACCESS_ADDRESSING = 4,/* U: addressing exception, pgm 0x05    */
	STATES_ACCESS_BAD = 5,       /* the input is not a valid state       */
};
#define STATES_ACCESS_NKINDS 6

struct states_access_result {
	enum states_access_kind kind;
	struct page_state state;     /* state once the access is served      */
	uint8_t pgm;                 /* program code to inject, else 0       */
};

struct states_access_result states_access(struct page_state st);
const char *states_access_name(enum states_access_kind k);

/* --- render.c: the table and the diagram, generated from the code ------
 * Both write at most `len` bytes including a terminating NUL (when len >
 * 0) and return the length of the whole text without the NUL, like
 * snprintf: call with (NULL, 0) to size the buffer. */
size_t states_render_dot(char *buf, size_t len);
size_t states_render_table(char *buf, size_t len);

#endif
