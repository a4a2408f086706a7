#!/bin/bash
# run-daemon.sh — build StreetFlow and run streetflowd in development mode from the checkout:
# SQLite and the socket under ./.streetflow/, the shipped workflows and seeds, you in every role.
# In another terminal: .build/debug/streetflow workflows   (or: python3 -m varlink.cli info unix:.streetflow/io.streetflow.sock)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
bash Deploy/dev/install-deps.sh
swift build --product streetflowd
swift build --product streetflow
exec .build/debug/streetflowd --dev --log-target stderr
