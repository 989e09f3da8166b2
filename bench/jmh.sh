#!/usr/bin/env bash
# Runs the JMH replay benchmark (src/bench/java, built only with -Pbench). Arguments go to JMH,
# e.g. bench/jmh.sh -p burst=8 -wi 2 -i 3. Needs the dependencies once from Maven Central
# (mvn -Pbench test-compile, online); after that -o works.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q ${MVN_OFFLINE:--o} -Pbench -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
exec java -cp "target/test-classes:target/classes:$(cat target/bench.cp)" org.openjdk.jmh.Main ReplayBenchmark "$@"
