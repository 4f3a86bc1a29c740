#!/usr/bin/env bash
# Regenerates docs/fhir-example-bundle.json through the same code the drift test checks it with
# (FhirExampleBundleTests in tests/LivingBetter.Tests/Fhir): the demo organisation is seeded on the test
# clock, the demo person Alex downloads their record ("Download my plans for another service"), the
# download is trimmed to the two newest check-ins (all completed measures stay) and its ids are numbered
# in order of first appearance. Nothing in it is hand-written; commit the file it writes.
# Usage: tools/fhir-example.sh            (builds the tests first)
#        tools/fhir-example.sh --no-build (after a Debug build of the solution)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" != "--no-build" ]; then
  dotnet build tests/LivingBetter.Tests -c Debug 2>&1 | grep -E " error |Build succeeded" || true
fi
# SQLite, as the default test database; the test writes the file instead of comparing when asked to.
env -u LB_TEST_DB LB_WRITE_FHIR_EXAMPLE=1 dotnet test tests/LivingBetter.Tests --no-build \
  --filter "FullyQualifiedName~FhirExampleBundleTests.CommittedExampleBundle_IsWhatTheMapperGivesForTheDemoPersonNow" 2>&1 | tail -3
echo "wrote docs/fhir-example-bundle.json ($(wc -c < docs/fhir-example-bundle.json) bytes)"
