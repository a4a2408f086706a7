#!/bin/sh
# Regenerates streetflow(1) in English and in Chinese (zh_CN) from the command tree; streetflowd(8) is
# written by hand. Run from the package root after `swift build --product streetflow`.
set -eu
exec python3 Deploy/man/generate.py "${1:-.build/debug/streetflow}"
