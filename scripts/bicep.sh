#!/usr/bin/env bash
# Builds and lints the Bicep templates in infra/. Fails on any error and on any linter warning
# (infra/bicepconfig.json raises the rules that matter to errors; the rest must stay quiet too).
#
# The Bicep CLI comes from the NuGet package Azure.Bicep.CommandLine.linux-x64: a throwaway project
# under .tools/bicep/fetch/ downloads it once with `dotnet restore` (a PackageDownload item), so the
# project's ordinary NuGet feed is the only source. Safe to run again; the second run restores nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

version=0.49.2
package=azure.bicep.commandline.linux-x64
tools=.tools/bicep
fetch="$tools/fetch"

packages_root() {
	local root="${NUGET_PACKAGES:-}"
	if [ -z "$root" ]; then
		root=$(dotnet nuget locals global-packages --list 2>/dev/null | sed -n 's/^global-packages: //p')
	fi
	echo "${root:-$HOME/.nuget/packages/}"
}

find_bicep() {
	local dir
	dir="$(packages_root)"
	dir="${dir%/}/$package/$version"
	[ -d "$dir" ] || return 1
	find "$dir" -type f -name bicep -print -quit
}

bicep=$(find_bicep || true)
if [ -z "$bicep" ]; then
	command -v dotnet >/dev/null || { echo "scripts/bicep.sh: the .NET SDK is needed to fetch the Bicep CLI" >&2; exit 1; }
	mkdir -p "$fetch"
	# Empty props files stop MSBuild from importing the repository's own (central package versions,
	# analyzers): this project only downloads a package.
	echo '<Project />' >"$fetch/Directory.Build.props"
	echo '<Project />' >"$fetch/Directory.Build.targets"
	echo '<Project />' >"$fetch/Directory.Packages.props"
	cat >"$fetch/fetch.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup>
    <PackageDownload Include="Azure.Bicep.CommandLine.linux-x64" Version="[$version]" />
  </ItemGroup>
</Project>
XML
	dotnet restore "$fetch/fetch.csproj" --nologo -v quiet
	bicep=$(find_bicep || true)
	[ -n "$bicep" ] || { echo "scripts/bicep.sh: no bicep executable in the $package $version package" >&2; exit 1; }
fi
chmod +x "$bicep"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 BICEP_TRACING_ENABLED=false
echo "bicep: $("$bicep" --version)"

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0

# build: compiles to ARM JSON (thrown away) and reports compile errors and linter diagnostics.
"$bicep" build infra/main.bicep --stdout >/dev/null 2>"$log" || status=1
"$bicep" build-params infra/main.bicepparam --stdout >/dev/null 2>>"$log" || status=1
# lint: the linter alone, on the template and the parameters file.
"$bicep" lint infra/main.bicep >>"$log" 2>&1 || status=1
"$bicep" lint infra/main.bicepparam >>"$log" 2>&1 || status=1

# Each diagnostic appears once per command that saw it; show each once.
sort -u "$log" >&2
if grep -Eq ': (Warning|Error) ' "$log"; then
	status=1
fi
if [ "$status" -ne 0 ]; then
	echo "scripts/bicep.sh: infra/ has Bicep errors or warnings (above)" >&2
	exit 1
fi
echo "bicep: infra/main.bicep builds and lints clean"
