#!/usr/bin/env bash
# Test the launcher ./k4s (and bin/k4s of the distribution folder) as a user with an old default
# Java meets it: JAVA_HOME unset or pointing at Java 17, and `java` on the PATH being Java 17.
# It must still find a JDK 21+ (under /usr/lib/jvm), rebuild the jar when a source is newer, and
# refuse with a clear message when no JDK 21+ exists at all. Run from CI after the build
# (k4s-demo/target/k4s-demo.jar and k4s-demo/target/k4s-VERSION/ exist).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

fail() { echo "test-launcher: FAILED: $*" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A PATH whose java is 17: Debian's default JDK here, or a stand-in that reports 17 when absent.
mkdir -p "$work/old-java/bin" "$work/no-jdks"
if [ -x /usr/lib/jvm/java-17-openjdk-amd64/bin/java ]; then
    ln -s /usr/lib/jvm/java-17-openjdk-amd64/bin/java "$work/old-java/bin/java"
else
    printf '#!/bin/sh\necho "    java.specification.version = 17" >&2\necho "openjdk version \\"17\\"" >&2\n' \
        > "$work/old-java/bin/java"
    chmod +x "$work/old-java/bin/java"
fi
old_path="$work/old-java/bin:$(dirname "$(command -v mvn)"):/usr/bin:/bin"
[ "$(PATH=$old_path java -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')" = 17 ] \
    || fail "the test PATH's java is not Java 17"

expect_run() { # NAME COMMAND...: the command prints k4s's version with a Java 21+
    local name=$1; shift
    local out
    out=$("$@" 2>&1) || fail "$name: exited $?: $out"
    grep -q '^k4s ' <<<"$out" || fail "$name: no version line in: $out"
    local major
    major=$(sed -n 's/^Java \([0-9]*\).*/\1/p' <<<"$out")
    [ -n "$major" ] && [ "$major" -ge 21 ] || fail "$name: ran on Java '$major', not 21+: $out"
    echo "test-launcher: ok: $name (Java $major)"
}

expect_run "PATH java 17, no JAVA_HOME" env -u JAVA_HOME PATH="$old_path" ./k4s version
expect_run "JAVA_HOME and PATH java 17" env JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64 PATH="$old_path" ./k4s version
dist=$(ls -d k4s-demo/target/k4s-*/ | grep -v '\.tar\.gz' | head -n 1)
[ -x "$dist/bin/k4s" ] || fail "no distribution folder with bin/k4s under k4s-demo/target"
expect_run "distribution bin/k4s" env -u JAVA_HOME PATH="$old_path" "$dist/bin/k4s" version
expect_run "symlinked launcher" env -u JAVA_HOME PATH="$old_path" sh -c "ln -s '$root/k4s' '$work/k4s' && '$work/k4s' version"

# ./k4s mvn: Maven runs on the JDK 21+ the launcher found, not on the PATH's Java 17.
out=$(env -u JAVA_HOME PATH="$old_path" ./k4s mvn -v 2>&1) || fail "./k4s mvn -v failed: $out"
mvn_java=$(sed -n 's/^Java version: \([0-9]*\).*/\1/p' <<<"$out")
[ -n "$mvn_java" ] && [ "$mvn_java" -ge 21 ] || fail "./k4s mvn ran Maven on Java '$mvn_java': $out"
echo "test-launcher: ok: ./k4s mvn uses Java $mvn_java"

# No JDK 21+ anywhere: a clear refusal naming what was found, exit 1.
set +e
out=$(env -u JAVA_HOME K4S_JVM_DIR="$work/no-jdks" PATH="$old_path" ./k4s version 2>&1)
status=$?
set -e
[ "$status" -eq 1 ] || fail "without a JDK 21+ the launcher exited $status, not 1: $out"
grep -q "k4s needs Java 21 or newer, and found none" <<<"$out" || fail "no clear refusal: $out"
grep -q "java on the PATH ($work/old-java/bin/java) is Java 17" <<<"$out" || fail "the refusal does not name the Java 17 it found: $out"
echo "test-launcher: ok: refuses clearly without a JDK 21+"

# A source newer than the jar: the launcher rebuilds the jar before running it.
before=$(stat -c %Y k4s-demo/target/k4s-demo.jar)
touch -d '+2 seconds' k4s-demo/src/main/java/io/k4s/demo/Version.java
out=$(env -u JAVA_HOME PATH="$old_path" ./k4s version 2>&1) || fail "rebuild run failed: $out"
grep -q "is newer than k4s-demo/target/k4s-demo.jar: building it with Maven" <<<"$out" || fail "no rebuild announced: $out"
after=$(stat -c %Y k4s-demo/target/k4s-demo.jar)
[ "$after" -gt "$before" ] || fail "the jar was not rebuilt"
out=$(env -u JAVA_HOME PATH="$old_path" ./k4s version 2>&1)
! grep -q "building it" <<<"$out" || fail "a fresh jar was rebuilt again: $out"
echo "test-launcher: ok: rebuilds a stale jar once"

echo "test-launcher: OK"
