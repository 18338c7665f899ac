# linux/linux.mk - Linux guests for zcmm, included by the Makefile:
#   make linux        the small 6.1 kernel (Debian's linux-source-6.1, the
#                     tinyconfig plus linux/small.config) and the initramfs
#   make linux-stock  Debian's own s390x kernel and busybox, downloaded and
#                     unpacked, never installed (dpkg-deb -x)
# Kernels are rebuilt only when their config fragments (or the source
# package) change: the kernel's own make is not re-run otherwise.
#
# Reuse for another kernel (a patched tree, another fragment):
#   $(eval $(call linux_kernel,NAME,SRCDIR,FRAGMENTS))
# makes $(LINUX_B)/NAME/bzImage from the unpacked tree SRCDIR (a rule
# must make SRCDIR/.unpacked) with tinyconfig + FRAGMENTS, merged in order.

LINUX_TAR   ?= /usr/src/linux-source-6.1.tar.xz
LINUX_B     := $(B)/linux
LINUX_SRC   := $(LINUX_B)/src
LINUX_JOBS  ?= 2
LINUX_KMAKE  = $(MAKE) -s -C $(1) O=$(abspath $(2)) ARCH=s390 \
	       CROSS_COMPILE=$(CROSS) KBUILD_BUILD_USER=zcmm \
	       KBUILD_BUILD_HOST=zcmm -j$(LINUX_JOBS)
LINUX_PKGS  := linux-source-6.1 flex bison bc cpio libelf-dev \
	       libc6-dev-s390x-cross

linux-deps:
	@./tools/deps.sh $(LINUX_PKGS)

$(LINUX_SRC)/.unpacked: | linux-deps
	rm -rf $(LINUX_SRC)
	mkdir -p $(LINUX_SRC)
	tar -xJf $(LINUX_TAR) -C $(LINUX_SRC) --strip-components=1
	touch $@

define linux_kernel
$(LINUX_B)/$(1)/.config: $(3) $(2)/.unpacked
	@mkdir -p $$(@D)
	$$(call LINUX_KMAKE,$(2),$$(@D)) tinyconfig >/dev/null
	cd $$(@D) && $(abspath $(2))/scripts/kconfig/merge_config.sh -m \
		-O . .config $(abspath $(3)) >/dev/null
	$$(call LINUX_KMAKE,$(2),$$(@D)) olddefconfig >/dev/null
	@for o in $$$$(grep -h '^CONFIG_.*=y' $(3)); do \
		grep -qx "$$$$o" $$@ || { echo "$$@: $$$$o did not stick"; \
					  rm -f $$@; exit 1; }; done
$(LINUX_B)/$(1)/bzImage: $(LINUX_B)/$(1)/.config
	$$(call LINUX_KMAKE,$(2),$$(@D)) bzImage
	cp $$(@D)/arch/s390/boot/bzImage $$@
endef

$(eval $(call linux_kernel,small,$(LINUX_SRC),linux/small.config))

# The initramfs: a static /init (linux/init.c) and the directories it
# mounts on, packed as a gzip'ed newc cpio by the build.
$(LINUX_B)/init: linux/init.c | linux-deps
	@mkdir -p $(@D)
	$(XCC) -static -O2 -Wall -Wextra -o $@ $<
$(LINUX_B)/initramfs.cpio.gz: $(LINUX_B)/init
	rm -rf $(LINUX_B)/rootfs
	mkdir -p $(LINUX_B)/rootfs/proc $(LINUX_B)/rootfs/dev
	cp $< $(LINUX_B)/rootfs/init
	cd $(LINUX_B)/rootfs && find . | LC_ALL=C sort | \
		cpio -o -H newc --owner=0:0 --quiet | gzip -9n > $(abspath $@)

linux: $(LINUX_B)/small/bzImage $(LINUX_B)/initramfs.cpio.gz

# Debian's stock s390x kernel and busybox: download only.
LINUX_STOCK := $(LINUX_B)/stock
$(LINUX_STOCK)/.unpacked: | linux-deps
	rm -rf $(LINUX_STOCK)
	mkdir -p $(LINUX_STOCK)/deb
	dpkg --print-foreign-architectures | grep -qx s390x || \
		{ dpkg --add-architecture s390x && apt-get update -q; }
	cd $(LINUX_STOCK)/deb && apt-get download -q \
		$$(apt-cache depends linux-image-s390x:s390x | \
		   sed -n "s/.*Depends: \(linux-image-[0-9][^:]*\).*/\1/p" | head -1):s390x \
		busybox-static:s390x
	for d in $(LINUX_STOCK)/deb/*.deb; do dpkg-deb -x $$d $(LINUX_STOCK)/unpacked; done
	cp $(LINUX_STOCK)/unpacked/boot/vmlinuz-* $(LINUX_STOCK)/vmlinuz
	cp $(LINUX_STOCK)/unpacked/bin/busybox $(LINUX_STOCK)/busybox
	touch $@
linux-stock: $(LINUX_STOCK)/.unpacked

.PHONY: linux linux-deps linux-stock
