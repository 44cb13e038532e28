#!/usr/bin/env bash
# Assembles the example tree with the kernel's real headers, in DIR: the kernel's Makefile, MAINTAINERS,
# LICENSES/ and include/ from a Linux source tree (default: Debian's linux-source-6.12 as
# scripts/install-test-tools.sh extracts it, or KPB_KERNEL_TREE), plus the fictional acme driver and its
# MAINTAINERS section from examples/tree. examples/tree itself works without a kernel tree: its headers are
# declaration-only stand-ins; this script swaps them for the kernel's. Kernel files never enter this repository.
# Usage: scripts/example-tree.sh DIR
set -euo pipefail
out=${1:?usage: scripts/example-tree.sh DIR}
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
kernel=${KPB_KERNEL_TREE:-/var/cache/kernel-pr-bot/linux-source-6.12}
[[ -f $kernel/MAINTAINERS && -d $kernel/include/linux ]] ||
	{ echo "example-tree.sh: no kernel tree at $kernel (run scripts/install-test-tools.sh or set KPB_KERNEL_TREE)" >&2; exit 2; }
mkdir -p "$out/scripts"
cp "$kernel/Makefile" "$out/"
{ cat "$kernel/MAINTAINERS"; echo; sed -n '/^ACME ETHERNET DRIVER$/,$p' "$repo/examples/tree/MAINTAINERS"; } >"$out/MAINTAINERS"
cp -r "$kernel/LICENSES" "$kernel/include" "$out/"
cp -r "$repo/examples/tree/drivers" "$out/"
echo "example tree ready in $out"
