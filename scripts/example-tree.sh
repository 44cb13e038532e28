#!/usr/bin/env bash
# Assembles the tree the example series (examples/acme-series) applies to, in DIR: the kernel's Makefile,
# MAINTAINERS, LICENSES/ and include/ from a Linux source tree (default: Debian's linux-source-6.12 as
# scripts/install-test-tools.sh extracts it, or KPB_KERNEL_TREE), plus the fictional acme driver and its
# MAINTAINERS entry from examples/acme-driver. Kernel files never enter this repository.
# Usage: scripts/example-tree.sh DIR
set -euo pipefail
out=${1:?usage: scripts/example-tree.sh DIR}
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
kernel=${KPB_KERNEL_TREE:-/var/cache/kernel-pr-bot/linux-source-6.12}
[[ -f $kernel/MAINTAINERS && -d $kernel/include/linux ]] ||
	{ echo "example-tree.sh: no kernel tree at $kernel (run scripts/install-test-tools.sh or set KPB_KERNEL_TREE)" >&2; exit 2; }
mkdir -p "$out/scripts"
cp "$kernel/Makefile" "$out/"
cat "$kernel/MAINTAINERS" - "$repo/examples/acme-driver/MAINTAINERS.acme" <<<'' >"$out/MAINTAINERS"
cp -r "$kernel/LICENSES" "$kernel/include" "$out/"
cp -r "$repo/examples/acme-driver/drivers" "$out/"
echo "example tree ready in $out"
