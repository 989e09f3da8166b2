#!/usr/bin/env bash
# Regenerates the committed man pages (man/) and completion scripts (completions/) from the
# command classes and src/docs/man/, exactly as the build does before the tests compare them.
# Run it after changing a command, an option or src/docs/man/, then commit man/ and completions/.
# Arguments go to Maven: dev/regen-docs.sh -o stays offline.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

# A removed or renamed command must not leave its old page behind.
rm -rf target/man target/completions
mvn -B -q -DskipTests -Duvmctl.skipDocs=false "$@" process-test-classes
mkdir -p man completions
rm -f man/*.1 completions/*
cp target/man/*.1 man/
cp target/completions/* completions/
echo "regenerated man/ and completions/; review and commit them:" >&2
git status --short -- man completions >&2 || true
