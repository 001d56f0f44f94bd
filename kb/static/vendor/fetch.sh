#!/usr/bin/env bash
# Re-fetch the vendored chart and map libraries from the npm registry at the versions pinned in MANIFEST and check
# every file against its sha256 there. Run from anywhere; needs npm, tar and sha256sum. The site itself never
# fetches anything: the files are committed, so `make run` needs only Python.
#   kb/static/vendor/fetch.sh           fetch, check, install under kb/static/vendor/NAME-VERSION/
#   kb/static/vendor/fetch.sh --check   only check the committed files against MANIFEST
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
manifest="$here/MANIFEST"
mode="${1:-fetch}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
status=0

while read -r name version file sha256; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  target="$here/$name-$version/$(basename "$file")"
  if [[ "$mode" != "--check" ]]; then
    unpacked="$work/$name-$version"
    if [[ ! -d "$unpacked" ]]; then
      mkdir -p "$unpacked"
      (cd "$work" && npm pack --silent "$name@$version" >/dev/null)
      tar -xzf "$work/${name//\//-}-$version.tgz" -C "$unpacked"
    fi
    mkdir -p "$(dirname "$target")"
    cp "$unpacked/package/$file" "$target"
  fi
  if ! echo "$sha256  $target" | sha256sum --check --quiet - 2>/dev/null; then
    echo "HASH MISMATCH: $name@$version $file (expected $sha256)" >&2
    status=1
  fi
done <"$manifest"

[[ $status -eq 0 ]] && echo "vendored files match MANIFEST"
exit $status
