# zcmm top-level build.
#   make          cross-build the host and the guest kernel, build the CLI
#   make run      install what is missing, build, run the default job:
#                 zcmm bench bench/default.bench (BENCH=file for another)
#   make check    install what is missing, build, run every test (prove)
#   make deps     install missing Debian packages (nothing if all present);
#                 only make deps, make run and make check install packages
#   make install  an optimized zcmm without sanitizers, the data files and
#                 the manual page under $(PREFIX)
#   make linux    the Linux guest kernel and initramfs (linux/linux.mk)
#   make linux-check   Debian's stock kernel boots under zcmm (not in check)
#   make linux-patch-check   apply, checkpatch and build guest-linux-patch/
#                 (after make deps)
#   make linux-patch-each    build the kernel after each patch in turn
#                 (about half an hour: not in check)
# Sources are found by directory, so a new file needs no Makefile edit:
#   lib/ states/   portable C, built natively (tests) and for s390x
#   lib/rt/        freestanding runtime (mem*, str*), s390x only
#   host/          the hypervisor (bare-metal s390x)
#   guest/         the zcmm guest kernel (bare-metal s390x)
#   tools/         the zcmm CLI (native); tools/zcmm.c holds main()
#   tests/unit/    t_*.c native TAP tests, linked with lib, states, tools

CROSS    ?= s390x-linux-gnu-
XCC      := $(CROSS)gcc
XOBJCOPY := $(CROSS)objcopy
CC       ?= cc
B        := build
PREFIX   ?= /usr/local

WARN     := -Wall -Wextra -Wno-unused-parameter -Wshadow -Wstrict-prototypes
XCFLAGS  := -march=z196 -O2 -g -msoft-float -ffreestanding -fno-pic -fno-stack-protector \
	    -fno-builtin -nostdlib -fno-common -fno-asynchronous-unwind-tables \
	    -mbackchain --param=min-pagesize=0 -fno-delete-null-pointer-checks $(WARN) -Iinclude -I.
XLDFLAGS := -nostdlib -static -Wl,--build-id=none -Wl,--no-warn-rwx-segments -Wl,-z,noexecstack -Wa,--noexecstack
SANITIZE ?= -fsanitize=address,undefined -fno-omit-frame-pointer
NCFLAGS  := -O1 -g $(WARN) $(SANITIZE) -Iinclude -I. -std=gnu11
NLDFLAGS := $(SANITIZE)
# the installed zcmm: optimized, no sanitizer (the tests use the other)
RCFLAGS  := -O2 $(WARN) -Iinclude -I. -std=gnu11
# libraries the CLI links (every build of it: test, release, fuzz)
TOOL_LIBS:= -lcrypto -lncurses -lm

PORTABLE := $(wildcard lib/*.c states/*.c)
RT       := $(wildcard lib/rt/*.c)
HOST_SRC := $(sort $(wildcard host/*.S host/*.c host/*/*.c)) $(PORTABLE) $(RT)
GUEST_SRC:= $(sort $(wildcard guest/*.S guest/*.c guest-balloon/*.c)) $(PORTABLE) $(RT)
TOOL_SRC := $(filter-out tools/zcmm.c,$(wildcard tools/*.c)) $(PORTABLE)
UNIT_SRC := $(wildcard tests/unit/t_*.c)

xobj = $(patsubst %,$(B)/$(1)/%.o,$(2))
HOST_OBJ  := $(call xobj,xhost,$(HOST_SRC))
GUEST_OBJ := $(call xobj,xguest,$(GUEST_SRC))
TOOL_OBJ  := $(patsubst %,$(B)/native/%.o,$(TOOL_SRC))
UNIT_BIN  := $(patsubst tests/unit/%.c,$(B)/tests/%,$(UNIT_SRC))
SHARE     := $(B)/share/zcmm

HOST_IMG  := $(SHARE)/zcmm-host.bin
GUEST_ELF := $(SHARE)/zcmm-guest.elf
ZCMM      := $(B)/bin/zcmm
ZCMM_REL  := $(B)/release/bin/zcmm

TEST_GUESTS := $(patsubst tests/guests/%.S,$(B)/tests/guests/%.elf,$(wildcard tests/guests/*.S)) \
	       $(patsubst tests/guests/%.c,$(B)/tests/guests/%.elf,$(wildcard tests/guests/*.c))

all: $(ZCMM) $(HOST_IMG) $(SHARE)/ipl-psw.bin $(SHARE)/plots.gp $(GUEST_ELF) $(UNIT_BIN) $(TEST_GUESTS)

# --- the host: one flat image IPL'd at 0x10000 ------------------------
$(B)/xhost/%.o: % | deps-check
	@mkdir -p $(dir $@)
	$(XCC) $(XCFLAGS) -DZCMM_HOST -MMD -MP -c $< -o $@
$(B)/host.elf: $(HOST_OBJ) host/host.ld
	$(XCC) $(XCFLAGS) $(XLDFLAGS) -Wl,-T,host/host.ld $(HOST_OBJ) -lgcc -o $@
$(HOST_IMG): $(B)/host.elf
	@mkdir -p $(dir $@)
	$(XOBJCOPY) -O binary $< $@
# zcmm bench's gnuplot script, beside the images (ZCMM_DATADIR)
$(SHARE)/plots.gp: bench/plots.gp
	@mkdir -p $(dir $@)
	cp $< $@
# ESA/390 IPL PSW: 31-bit addressing, instruction address 0x10000
$(SHARE)/ipl-psw.bin:
	@mkdir -p $(dir $@)
	printf '\000\010\000\000\200\001\000\000' > $@

# --- the guest kernel: an ELF file loaded by the host -----------------
$(B)/xguest/%.o: % | deps-check
	@mkdir -p $(dir $@)
	$(XCC) $(XCFLAGS) -DZCMM_GUEST -MMD -MP -c $< -o $@
$(GUEST_ELF): $(GUEST_OBJ) guest/guest.ld
	@mkdir -p $(dir $@)
	$(XCC) $(XCFLAGS) $(XLDFLAGS) -Wl,-T,guest/guest.ld $(GUEST_OBJ) -lgcc -o $@

# --- small guests for the system tests, one file each ----------------
$(B)/tests/guests/%.elf: tests/guests/%.S tests/guests/guest.ld | deps-check
	@mkdir -p $(dir $@)
	$(XCC) -march=z196 -nostdlib -static -Wl,--build-id=none \
		-Wl,--no-warn-rwx-segments -Wl,-T,tests/guests/guest.ld $< -o $@

# C test guests: their own start-up code, the portable formatter
$(B)/tests/guests/%.elf: tests/guests/%.c tests/guests/tguest.h tests/guests/guest.ld lib/fmt.c $(RT) | deps-check
	@mkdir -p $(dir $@)
	$(XCC) $(XCFLAGS) $(XLDFLAGS) -Wl,-T,tests/guests/guest.ld $< lib/fmt.c \
		$(RT) -lgcc -o $@

# --- native: the CLI and the unit tests -------------------------------
$(B)/native/%.o: %
	@mkdir -p $(dir $@)
	$(CC) $(NCFLAGS) -MMD -MP -c $< -o $@
$(ZCMM): $(B)/native/tools/zcmm.c.o $(TOOL_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(NLDFLAGS) $^ $(TOOL_LIBS) -o $@
$(B)/release/%.o: %
	@mkdir -p $(dir $@)
	$(CC) $(RCFLAGS) -MMD -MP -c $< -o $@
$(ZCMM_REL): $(patsubst %,$(B)/release/%.o,tools/zcmm.c $(TOOL_SRC))
	@mkdir -p $(dir $@)
	$(CC) $^ $(TOOL_LIBS) -o $@
$(B)/tests/%: tests/unit/%.c $(TOOL_OBJ) tests/tap.h
	@mkdir -p $(dir $@)
	$(CC) $(NCFLAGS) $< $(TOOL_OBJ) $(NLDFLAGS) $(TOOL_LIBS) -o $@

# --- fuzzing: libFuzzer targets (tests/fuzz/fuzz_*.c) over the CLI's ---
# parsers, the ELF reader and the host's boot-block check, each with a
# corpus in tests/fuzz/corpus/NAME.
#   make fuzz-short   every target for FUZZ_SECONDS (3) each (make check)
#   make fuzz         every target for FUZZ_SECONDS (600) each; what it
#                     finds new is added to the corpus
FUZZ_CC   ?= clang
FUZZ_SAN  := -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_FLAGS:= -O1 -g -w -Iinclude -I. -std=gnu11 $(FUZZ_SAN)
FUZZ_OBJ  := $(patsubst %,$(B)/fuzz/obj/%.o,$(TOOL_SRC))
FUZZ_BIN  := $(patsubst tests/fuzz/%.c,$(B)/fuzz/%,$(wildcard tests/fuzz/fuzz_*.c))
$(B)/fuzz/obj/%.o: %
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@
$(B)/fuzz/%: tests/fuzz/%.c tests/fuzz/fuzz.h $(FUZZ_OBJ)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer -MMD -MP -MF $@.d $< $(FUZZ_OBJ) $(TOOL_LIBS) -o $@
fuzz-build: $(FUZZ_BIN)
.SECONDARY: $(FUZZ_OBJ)
fuzz-short: fuzz-build
	@tests/fuzz/run.sh $(or $(FUZZ_SECONDS),3) short $(FUZZ_BIN)
fuzz: fuzz-build
	@tests/fuzz/run.sh $(or $(FUZZ_SECONDS),600) long $(FUZZ_BIN)

# --- set-up, running, testing -----------------------------------------
# guest-linux-patch/: the Linux source and what a kernel build needs
GPATCH_PKGS := linux-source-6.1 flex bison bc libelf-dev libssl-dev cpio \
	      xz-utils git perl
DEB_PKGS := hercules gcc-s390x-linux-gnu binutils-s390x-linux-gnu \
	    libtest-harness-perl gnuplot-nox make gcc libc6-dev libssl-dev \
	    clang libclang-rt-dev libncurses-dev tmux \
	    $(GPATCH_PKGS)
deps:
	@./tools/deps.sh $(DEB_PKGS)
# a plain make installs nothing: it says what is missing
deps-check:
	@command -v $(XCC) >/dev/null || { echo "zcmm: $(XCC) not found: run make deps (installs: $(DEB_PKGS))" >&2; exit 1; }

# the main job (docs/bench.md): the file-serving fleet under the four
# memory policies, then what hinting costs when nothing is reclaimed
# (about 3-4 minutes), progress while they run, each summary at its end
BENCH ?= bench/default.bench bench/churn-essa-cost.bench
run: deps
	$(MAKE) -j2 all
	@for b in $(BENCH); do $(ZCMM) bench $$b || exit 1; done

bench: run

# a long soak: randomized fleets under every memory policy with memory
# pressure for SOAK_SECONDS (default 1800), pages moved by each path and
# everything that went wrong (not in CI; docs/soak.md has a report)
soak: all
	@bench/soak.sh $(or $(SOAK_SECONDS),1800) $(B)/soak.md

check: deps
	$(MAKE) -j2 all linux
	prove -j2 --failures --comments $(UNIT_BIN) $(sort $(wildcard tests/system/*.t))

# the guest page hinting series for Linux 6.1: apply, checkpatch, build
# Debian's stock kernel under zcmm (minutes of Hercules: not in make check)
linux-check: deps
	$(MAKE) -j2 all linux linux-stock
	prove --failures --comments tests/linux/*.t

# the small kernel with CONFIG_PAGE_STATES off and on (guest-linux-patch/)
linux-patch-check:
	guest-linux-patch/build all

# every prefix of the series builds on its own (long: not in make check)
linux-patch-each:
	guest-linux-patch/build each

install: $(ZCMM_REL) $(HOST_IMG) $(SHARE)/ipl-psw.bin $(SHARE)/plots.gp $(GUEST_ELF)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/zcmm
	install -m 755 $(ZCMM_REL) $(DESTDIR)$(PREFIX)/bin/zcmm
	install -m 644 $(SHARE)/* $(DESTDIR)$(PREFIX)/share/zcmm/
	install -d $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 644 docs/zcmm.1 $(DESTDIR)$(PREFIX)/share/man/man1/zcmm.1

clean:
	rm -rf $(B)

.PHONY: all deps deps-check run bench soak check linux-check linux-patch-check linux-patch-each install clean fuzz fuzz-short fuzz-build
include linux/linux.mk
# (build/linux/ and build/linux-patch/ hold Linux trees: not ours to include)
-include $(shell find $(B) \( -path $(B)/linux -o -path $(B)/linux-patch \) -prune -o -name '*.d' -print 2>/dev/null)
