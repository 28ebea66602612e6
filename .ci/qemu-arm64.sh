#!/usr/bin/env bash
# Runs lib's core tests on zonky's Linux arm64 PostgreSQL binaries under qemu-user, on an x86-64
# Debian machine, as root. Installs what it needs (qemu-user-static and the arm64 C and C++ runtime
# from Debian's cross packages), registers the aarch64 binfmt handler, runs the arm64-qemu profile,
# and on exit removes the handler and every package it installed. Not part of the default build:
# under emulation initdb takes ~8 s and the run several minutes.
#
#   bash .ci/qemu-arm64.sh [test-pattern]
set -euo pipefail
cd "$(dirname "$0")/.."
TESTS=${1:-'EmbeddedServerTest,CloneMethodTest,EnsureTemplateExistsTest,TemporaryDatabaseLifecycleTest,DatabaseDdlErrorsTest,ClusterTuningTest,MigrationToolTemplatesTest,ResetTest,BatchSessionTest'}
[ "$(id -u)" = 0 ] || { echo "needs root (apt-get, binfmt_misc)" >&2; exit 2; }
[ "$(uname -m)" = x86_64 ] || { echo "for x86-64 machines; on arm64 just run ./mvnw verify" >&2; exit 2; }

PACKAGES=(qemu-user-static libc6-arm64-cross libstdc++6-arm64-cross libgcc-s1-arm64-cross)
BINFMT=/proc/sys/fs/binfmt_misc
installed=()
registered=no
mounted=no
cleanup() {
  set +e
  [ "$registered" = yes ] && echo -1 > "$BINFMT/qemu-aarch64"
  [ "$mounted" = yes ] && umount "$BINFMT"
  [ ${#installed[@]} -gt 0 ] && DEBIAN_FRONTEND=noninteractive apt-get purge -y -q "${installed[@]}" >/dev/null
  echo "cleaned up: binfmt handler ${registered/no/untouched}, packages removed: ${installed[*]:-none}"
}
trap cleanup EXIT

for p in "${PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || installed+=("$p"); done
if [ ${#installed[@]} -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${installed[@]}" >/dev/null
fi
if [ ! -e "$BINFMT/register" ]; then
  mount -t binfmt_misc binfmt_misc "$BINFMT"
  mounted=yes
fi
if [ ! -e "$BINFMT/qemu-aarch64" ]; then
  # ELF 64-bit little-endian, machine 0xb7 (aarch64); F: the interpreter is opened now, so it also
  # works inside the user namespace pgfixture starts PostgreSQL in when running as root.
  printf '%s' ':qemu-aarch64:M::\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00:\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff:/usr/bin/qemu-aarch64-static:F' \
    > "$BINFMT/register"
  registered=yes
fi

echo "== arm64 binaries under $(qemu-aarch64-static --version | head -1)"
./mvnw -B -ntp -Parm64-qemu -pl lib test -Dtest="$TESTS" -Dsurefire.failIfNoSpecifiedTests=false
