#!/usr/bin/env bash
# Publish the kernel-pr-bot programs into one directory:
#   kernel-pr-bot         check, index, rules: compiled ahead of time (Native AOT), no .NET runtime needed
#   kernel-pr-bot-server  serve, replay (and every other command): ReadyToRun (precompiled, 13% faster to its
#                         first answered request than JIT-only in scripts/load.sh); needs the ASP.NET Core 10
#                         runtime; kernel-pr-bot hands serve and replay over to it
#
# Usage: scripts/publish.sh [-o DIR] [--aot (default) | --jit | --r2r] [--cli-only]
#   -o DIR      output directory (default artifacts/kernel-pr-bot)
#   --cli-only  kernel-pr-bot alone (the benchmark scripts measure it this way)
#   --jit       kernel-pr-bot without AOT (JIT-compiled; the previous layout), for comparison
#   --r2r       kernel-pr-bot ReadyToRun (precompiled IL, still needs the runtime), for comparison
#
# Native AOT needs a C toolchain (clang or gcc) on the build machine; the rest needs only the .NET SDK.
set -euo pipefail
cd "$(dirname "$0")/.."
out=artifacts/kernel-pr-bot
mode=aot
server=1
while (($#)); do
	case $1 in
	-o) out=${2:?-o needs a directory}; shift ;;
	--aot) mode=aot ;;
	--jit) mode=jit ;;
	--r2r) mode=r2r ;;
	--cli-only) server=0 ;;
	-h | --help) sed -n '2,/^set -e/{/^set -e/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
	*) echo "publish.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
	esac
	shift
done
rid=linux-$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')
mkdir -p "$out"
if ((server)); then
	dotnet publish src/KernelPrBot.Server -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true -o "$out" --nologo -v q
fi
case $mode in
aot) dotnet publish src/KernelPrBot.Cli -c Release -r "$rid" -o "$out" --nologo -v q ;;
r2r) dotnet publish src/KernelPrBot.Cli -c Release -r "$rid" --self-contained false -p:PublishAot=false -p:PublishReadyToRun=true -o "$out" --nologo -v q ;;
jit) dotnet publish src/KernelPrBot.Cli -c Release -p:PublishAot=false -o "$out" --nologo -v q ;;
esac
echo "published ($mode) into $out: $out/kernel-pr-bot$( ((server)) && echo " and $out/kernel-pr-bot-server")" >&2
