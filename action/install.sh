#!/usr/bin/env bash
# Installs the planlint release binary for this runner, as action.yml's first step: picks the
# archive for the runner's OS and architecture, downloads it with its SHA-256 file from the
# GitHub release, refuses it when the checksum differs, and puts planlint on PATH.
#
# Inputs (environment): PLANLINT_VERSION (a tag such as v0.2.0), RUNNER_OS, RUNNER_ARCH,
# RUNNER_TEMP, GITHUB_PATH. PLANLINT_DOWNLOAD_BASE overrides where releases are fetched from
# (the tests point it at a folder).
set -euo pipefail

version="${PLANLINT_VERSION:?no planlint version: set the version input of the action, such as v0.2.0}"
case "$version" in v*) ;; *) version="v$version" ;; esac
base="${PLANLINT_DOWNLOAD_BASE:-https://github.com/planlint/planlint/releases/download}"

case "${RUNNER_OS:-}/${RUNNER_ARCH:-}" in
  Linux/X64) target=x86_64-unknown-linux-musl; ext=tar.xz ;;
  Linux/ARM64) target=aarch64-unknown-linux-musl; ext=tar.xz ;;
  macOS/X64) target=x86_64-apple-darwin; ext=tar.xz ;;
  macOS/ARM64) target=aarch64-apple-darwin; ext=tar.xz ;;
  Windows/X64) target=x86_64-pc-windows-msvc; ext=zip ;;
  *)
    echo "::error title=planlint::no planlint release for ${RUNNER_OS:-?} ${RUNNER_ARCH:-?}; use the action with install: source"
    exit 1
    ;;
esac

archive="planlint-$target.$ext"
dest="${RUNNER_TEMP:?}/planlint-$version"
mkdir -p "$dest"
fetch() {
  case "$base" in
    http://* | https://*) curl --fail --silent --show-error --location --retry 3 --output "$2" "$1" ;;
    *) cp "$1" "$2" ;;
  esac
}
if ! fetch "$base/$version/$archive" "$dest/$archive"; then
  echo "::error title=planlint::could not download $archive for planlint $version; check that the release exists, or use install: source"
  exit 1
fi
fetch "$base/$version/$archive.sha256" "$dest/$archive.sha256"

want=$(cut -d ' ' -f 1 < "$dest/$archive.sha256")
if command -v sha256sum >/dev/null 2>&1; then
  got=$(sha256sum "$dest/$archive" | cut -d ' ' -f 1)
else
  got=$(shasum -a 256 "$dest/$archive" | cut -d ' ' -f 1)
fi
if [ "$want" != "$got" ]; then
  echo "::error title=planlint::checksum mismatch for $archive (expected $want, got $got); the download was refused"
  exit 1
fi

case "$ext" in
  zip) unzip -q -o "$dest/$archive" -d "$dest" ;;
  *) tar -xJf "$dest/$archive" -C "$dest" ;;
esac
bin=$(find "$dest" -type f \( -name planlint -o -name planlint.exe \) | head -n 1)
if [ -z "$bin" ]; then
  echo "::error title=planlint::$archive holds no planlint binary"
  exit 1
fi
chmod +x "$bin"
dirname "$bin" >> "${GITHUB_PATH:?}"
echo "installed planlint $version ($target) from $archive"
