#!/usr/bin/env bash
# Checks that the C++ lines changed since BASE (default: the commit before HEAD) are formatted as
# .clang-format says, with git clang-format. Prints the changes it wants and exits 1 when there are
# any; fix them with `git clang-format BASE`. Lines nobody changed are left as they are.
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-HEAD~1}
if ! command -v git-clang-format >/dev/null 2>&1; then
    echo "veer: git-clang-format not found (package clang-format); the format check is skipped"
    exit 0
fi
if ! git rev-parse --verify --quiet "$base^{commit}" >/dev/null; then
    echo "veer: $base is not in this checkout (a shallow clone?); the format check is skipped"
    exit 0
fi
out=$(git clang-format --quiet --diff --extensions cpp,h "$base" -- app core ui tests || true)
if [ -n "$out" ] && [ "$out" != "no modified files to format" ] && [[ "$out" != *"clang-format did not modify any files"* ]]; then
    printf '%s\n' "$out"
    echo "veer: the lines above, changed since $base, are not formatted as .clang-format says;" \
         "run: git clang-format $base" >&2
    exit 1
fi
echo "veer: format check passed (C++ lines changed since $(git rev-parse --short "$base"))"
