#!/bin/sh
# Regenerates the typed Swift of the org.streetflow.* Varlink interfaces (Generated/*.swift) from Interfaces/*.varlink,
# and the generator's test interface. Run after editing a .varlink file; a test fails while they disagree.
#   Sources/StreetFlowProtocol/generate.sh
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
swift build --product varlink-swift-gen >/dev/null
gen=$(swift build --show-bin-path)/varlink-swift-gen
"$gen" --regenerate "Sources/StreetFlowProtocol/generate.sh" \
    --output Sources/StreetFlowProtocol/Generated Sources/StreetFlowProtocol/Interfaces/*.varlink
"$gen" --regenerate "Sources/StreetFlowProtocol/generate.sh" \
    --output Tests/VarlinkGeneratorTests/Generated Tests/VarlinkGeneratorTests/Corners.varlink
