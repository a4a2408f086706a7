#!/bin/bash
# install-deps.sh — the Debian packages and Python modules StreetFlow's build and tests need.
set -euo pipefail
if ! command -v swift >/dev/null; then
    echo "StreetFlow needs a Swift 6.1+ toolchain on PATH (https://www.swift.org/install/linux/)." >&2
    exit 1
fi
need=()
for pkg in libsystemd-dev libsqlite3-dev libcurl4-openssl-dev sqlite3 graphviz util-linux systemd python3-pip debootstrap man-db \
    mandoc chromium fonts-noto-cjk postgresql; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
    sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
if [ "${1:-}" = --tests ]; then
    python3 -c 'import varlink' 2>/dev/null || pip install -q varlink==31.0.0 2>/dev/null \
        || pip install -q --break-system-packages varlink==31.0.0
    command -v lintian >/dev/null || { sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo; DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq lintian >/dev/null; }
fi
