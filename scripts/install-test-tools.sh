#!/usr/bin/env bash
# Puts in place what the tests use besides .NET:
#  - the real kernel tree (Debian's linux-source-6.12), extracted once to /var/cache/kernel-pr-bot
#    (KPB_KERNEL_TREE overrides; kernel sources never enter this repository);
#  - the official SARIF 2.1.0 schema, from the npm package @microsoft/sarif-multitool-linux, in .tools/sarif/;
#  - Azurite, the Azure Storage emulator (npm azurite), in .tools/azurite/ for the queue and Functions tests.
# Needs root for apt-get; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

cache=/var/cache/kernel-pr-bot
tree="${KPB_KERNEL_TREE:-$cache/linux-source-6.12}"
if [ ! -f "$tree/scripts/checkpatch.pl" ]; then
	if [ ! -f /usr/src/linux-source-6.12.tar.xz ]; then
		apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends linux-source-6.12 xz-utils perl >/dev/null
	fi
	mkdir -p "$cache"
	echo "extracting the kernel tree to $cache ..."
	tar xJf /usr/src/linux-source-6.12.tar.xz -C "$cache"
fi
command -v perl >/dev/null || { apt-get update -qq && apt-get install -y -qq perl >/dev/null; }

schema=.tools/sarif/sarif-2.1.0.json
if [ ! -s "$schema" ]; then
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	(cd "$tmp" && npm pack --silent @microsoft/sarif-multitool-linux@5.7.0 >/dev/null)
	mkdir -p .tools/sarif
	tar xzf "$tmp"/microsoft-sarif-multitool-linux-5.7.0.tgz -C "$tmp" package/sarif-2.1.0.json
	mv "$tmp/package/sarif-2.1.0.json" "$schema"
fi
command -v npm >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm >/dev/null; }
azurite_version=3.37.0
azurite=.tools/azurite/node_modules/.bin/azurite
if [ ! -x "$azurite" ] || ! grep -q "\"version\": \"$azurite_version\"" .tools/azurite/node_modules/azurite/package.json 2>/dev/null; then
	echo "installing azurite $azurite_version into .tools/azurite ..."
	npm install --prefix .tools/azurite --no-audit --no-fund --loglevel=error "azurite@$azurite_version" >/dev/null
fi
echo "kernel tree: $tree"
echo "SARIF schema: $schema"
echo "azurite: $azurite (node $(node --version))"
