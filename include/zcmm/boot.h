/* boot.h - the boot block: what the zcmm CLI hands the host at IPL.
 * The CLI writes it as a file that Hercules loads at ZCMM_BOOT_ADDR; every
 * multi-byte field is big-endian (the host's native order). Guest images
 * are loaded raw (whole ELF files) at the addresses the guest table names. */
#ifndef ZCMM_BOOT_H
#define ZCMM_BOOT_H

#include <stdint.h>

#define ZCMM_BOOT_ADDR     0x00400000UL /* boot block, up to 1 MiB      */
#define ZCMM_BOOT_MAX      0x00100000UL
#define ZCMM_IMAGES_ADDR   0x00500000UL /* first guest ELF image        */
#define ZCMM_BOOT_MAGIC    0x7a636d6d424f4f54ULL /* "zcmmBOOT"           */
#define ZCMM_BOOT_VERSION  1

/* What the host does after boot. */
enum zcmm_mode {
	ZCMM_MODE_FLEET = 0,    /* run the guest table, print the results  */
	ZCMM_MODE_SELFTEST = 1, /* run the host self-tests (PASS/FAIL)     */
	ZCMM_MODE_PANIC = 2,    /* take a deliberate program check         */
	ZCMM_MODE_HANG = 3,     /* spin forever (tests the CLI's timeout)  */
};

/* Host options (zcmm_boot.flags). */
#define ZCMM_BOOT_NO_ESSA   0x00000001u /* ESSA is an operation exception */
#define ZCMM_BOOT_CORRUPT_SLOT 0x00000002u /* test: damage the first
					       page-out's slot on disk   */
#define ZCMM_BOOT_TEST_HOOKS   0x00000004u /* test: DIAG 0x4F0 allowed  */
#define ZCMM_BOOT_BALLOON_FIXED 0x00000008u /* balloon targets come from
					       balloon_target{,2}, not from
					       the policy (tests)        */
#define ZCMM_BOOT_SHARING 0x00000020u /* a sharing table follows the
					 guest and memory tables
					 (zcmm_share_table) */
#define ZCMM_BOOT_LIVE    0x00000040u /* each progress period, a gsample
					 record per guest and an hsample
					 (zcmm run --live, docs/zcmm.1) */

/* Memory policies (zcmm_boot.policy; docs/balloon.md). The CLI also sets
 * ZCMM_BOOT_NO_ESSA and the guests' hinting flag to match. */
enum zcmm_policy {
	ZCMM_POLICY_HINTING = 0, /* ESSA hints, no balloon (the default)  */
	ZCMM_POLICY_NONE = 1,    /* no ESSA, no balloon: the pager alone  */
	ZCMM_POLICY_BALLOON = 2, /* balloon from working-set estimates    */
	ZCMM_POLICY_BOTH = 3,    /* balloon and hinting                   */
};

struct zcmm_boot {
	uint64_t magic;          /* 0x00 ZCMM_BOOT_MAGIC                  */
	uint32_t version;        /* 0x08 ZCMM_BOOT_VERSION                */
	uint32_t mode;           /* 0x0c enum zcmm_mode                   */
	uint64_t storage_size;   /* 0x10 bytes of main storage            */
	uint64_t images_end;     /* 0x18 first byte after the last image  */
	uint32_t nguests;        /* 0x20 entries in the guest table       */
	uint32_t flags;          /* 0x24 ZCMM_BOOT_*                      */
	uint64_t timeslice_us;   /* 0x28 scheduler time slice             */
	uint64_t progress_ms;    /* 0x30 progress line period, 0 = none   */
	uint64_t seed;           /* 0x38 run seed                         */
	uint64_t duration_ms;    /* 0x40 stop guests still running after
				          this much wall-clock time; 0: never */
	union {                  /* 0x48: each word big-endian u64        */
		uint64_t reserved[7];
		struct {
			uint64_t policy;          /* 0x48 enum zcmm_policy */
			uint64_t wss_sample;      /* 0x50 pages sampled per
						     guest a period, 0: def. */
			uint64_t wss_period_ms;   /* 0x58 0: default       */
			uint64_t balloon_target;  /* 0x60 BALLOON_FIXED: pages */
			uint64_t balloon_target2; /* 0x68 ... from t2 on   */
			uint64_t balloon_t2_ms;   /* 0x70 0: no second step */
			uint64_t fault_io;        /* 0x78 test: every Nth read
						     or write fails (bits
						     0-23: N, 0 none) on the
						     volume of bits 24-39 (0:
						     every volume) after the
						     first bits 40-63 pass */
		};
	};
};                               /* 0x80: guest table follows, then the
				    memory table (zcmm_mem_header)      */

/* Workloads of the zcmm guest kernel (zcmm_guest_desc.workload). */
enum zcmm_workload {
	ZCMM_WL_NONE = 0,       /* a user image: it does what it does      */
	ZCMM_WL_IDLE = 1,       /* sleeps on its clock comparator          */
	ZCMM_WL_CHURN = 2,      /* allocate, fill, verify, free            */
	ZCMM_WL_PHASES = 3,     /* anonymous working set grows and shrinks */
	ZCMM_WL_RANDOM = 4,     /* random touches over a working set       */
	ZCMM_WL_FILESERVE = 5,  /* serves files from its disk: page cache   */
	ZCMM_WL_ANON = 6,       /* anonymous set past its storage: swaps   */
	ZCMM_WL_DISKTEST = 7,   /* checks the block interface and hinting  */
};

/* Meaning of arg[] for the zcmm guest kernel's workloads. */
#define ZCMM_ARG_WS      0 /* working-set pages (random, phases max)   */
#define ZCMM_ARG_ITERS   1 /* iterations (touches, churn rounds, ...)  */
#define ZCMM_ARG_PHASES  2 /* number of phases                         */
#define ZCMM_ARG_MS      3 /* milliseconds (idle: how long to sleep)   */
#define ZCMM_ARG_MIN     4 /* phases: working-set pages at the low end */
#define ZCMM_ARG_FILES   5 /* fileserve: files on the base disk        */
#define ZCMM_ARG_FPAGES  6 /* fileserve: pages per file                */
#define ZCMM_ARG_SKEW    7 /* fileserve: % of requests to the hot 20%  */
#define ZCMM_ARG_COUNT   8

/* Guest flags (zcmm_guest_desc.flags). */
#define ZCMM_GUEST_HINTING 0x00000001u /* guest may use ESSA hints     */
#define ZCMM_GUEST_SAME_CONTENT 0x00000002u /* its pages' patterns leave
					       out its seed and index, so
					       guests alike fill alike
					       pages (content sharing)   */
#define ZCMM_GUEST_LINUX   0x00000004u /* the image is a Linux kernel (an
					  s390 raw image), loaded as an
					  IPL from a .ins file would
					  (docs/linux.md), arg[] below   */

/* Meaning of arg[] for a Linux guest: its initrd and its command line
 * are loaded images too (absolute address and size; 0 0: none). */
#define ZCMM_ARG_INITRD_ADDR  0
#define ZCMM_ARG_INITRD_SIZE  1
#define ZCMM_ARG_CMDLINE_ADDR 2
#define ZCMM_ARG_CMDLINE_SIZE 3

/* One guest: 128 bytes, also what DIAG 0x408 hands the guest. */
struct zcmm_guest_desc {
	char name[16];           /* 0x00 NUL-padded                       */
	uint64_t mem_bytes;      /* 0x10 guest storage, multiple of 1 MiB */
	uint64_t image_addr;     /* 0x18 absolute address of its ELF file */
	uint64_t image_size;     /* 0x20 bytes                            */
	uint32_t workload;       /* 0x28 enum zcmm_workload               */
	uint32_t flags;          /* 0x2c ZCMM_GUEST_*                     */
	uint64_t seed;           /* 0x30 per-guest seed                   */
	uint64_t arg[ZCMM_ARG_COUNT]; /* 0x38 workload arguments          */
	uint32_t index;          /* 0x78 position in the fleet            */
	uint32_t share_domain;   /* 0x7c content-sharing domain: 1 .. n, an
				    entry of the sharing table; 0: off  */
};

/* Content sharing (docs/sharing.md): with ZCMM_BOOT_SHARING, this table
 * follows the guest table, at ZCMM_BOOT_ADDR + zcmm_share_table_offset().
 * The host alone reads it: a domain's secret salts the scanner's page
 * keys, so pages merge only inside a domain. */
struct zcmm_share_table {
	uint32_t ndomains;       /* 0x00 entries that follow              */
	uint32_t reserved;       /* 0x04                                  */
	uint64_t scan_rate;      /* 0x08 pages a second per guest         */
	uint64_t scan_total;     /* 0x10 pages a second in all            */
	uint64_t reserved_18;    /* 0x18                                  */
};                               /* 0x20: ndomains zcmm_share_domain      */

struct zcmm_share_domain {
	uint64_t secret[2];      /* 0x00 random, from the CLI (RAND_bytes) */
};

/* The memory table follows the guest table, at ZCMM_BOOT_ADDR +
 * zcmm_mem_table_offset(nguests): this header, then a zcmm_guest_mem per
 * guest. The host alone reads it (docs/shares.md). */
struct zcmm_mem_header {
	uint32_t idle_tax_pct;   /* 0x00 the idle-memory tax, 0 .. 99     */
	uint32_t flags;          /* 0x04 ZCMM_MEM_*                       */
	uint64_t reserved[3];    /* 0x08                                  */
};

/* zcmm_mem_header.flags */
#define ZCMM_MEM_HALT_UNSERVABLE 0x1 /* `unservable halt`: a guest paging
					can no longer serve is halted and
					pushed out whole (docs/shares.md) */

/* One guest's memory entitlement. 32 bytes. */
struct zcmm_guest_mem {
	uint32_t shares;         /* 0x00 relative entitlement, 0: default */
	uint32_t reserved_04;    /* 0x04                                  */
	uint64_t reserve_bytes;  /* 0x08 never reclaimed below this       */
	uint64_t limit_bytes;    /* 0x10 never resident above, 0: none    */
	uint64_t reserved_18;    /* 0x18                                  */
};

_Static_assert(sizeof(struct zcmm_boot) == 0x80, "zcmm_boot size");
_Static_assert(sizeof(struct zcmm_guest_desc) == 0x80, "guest desc size");
_Static_assert(sizeof(struct zcmm_share_table) == 0x20, "share table size");
_Static_assert(sizeof(struct zcmm_share_domain) == 0x10, "share domain size");
_Static_assert(sizeof(struct zcmm_guest_mem) == 0x20, "guest mem size");
_Static_assert(sizeof(struct zcmm_mem_header) == 0x20, "mem header size");

/* (the sharing table must fit too: the CLI checks) */
/* The largest guest the host takes (its page tables, page states and
 * paging slots are sized for it); the CLI refuses more at parse time. */
#define ZCMM_GUEST_MEM_MAX (1ULL << 30)

#define ZCMM_MAX_GUESTS ((ZCMM_BOOT_MAX - sizeof(struct zcmm_boot) - \
			  sizeof(struct zcmm_mem_header)) / \
			 (sizeof(struct zcmm_guest_desc) + \
			  sizeof(struct zcmm_guest_mem)))
/* Where the memory and the sharing tables start, from the boot block. */
#define zcmm_mem_table_offset(nguests) \
	(sizeof(struct zcmm_boot) + (nguests) * sizeof(struct zcmm_guest_desc))
#define zcmm_share_table_offset(nguests) \
	(zcmm_mem_table_offset(nguests) + sizeof(struct zcmm_mem_header) + \
	 (nguests) * sizeof(struct zcmm_guest_mem))

#endif
