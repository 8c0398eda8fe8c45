#!/usr/bin/env bash
# Install the Debian packages TalOS needs to build, boot and test.
# Idempotent: installs only what is missing; uses sudo only when not root.
set -euo pipefail

PACKAGES=(
	make nasm gcc-i686-linux-gnu binutils-i686-linux-gnu
	grub-pc-bin grub-common xorriso mtools
	qemu-system-x86 qemu-user
	bochs bochsbios vgabios bochs-term
	clang libclang-rt-14-dev gnuplot-nox python3 util-linux
)

missing=()
for p in "${PACKAGES[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' \
		|| missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
