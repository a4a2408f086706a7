#!/bin/sh
# Regenerates the shell completions from the command tree. Run from the package root after swift build.
set -eu
for shell in bash zsh fish; do
    .build/debug/streetflow --generate-completion-script "$shell" > "Deploy/completions/streetflow.$shell"
done
