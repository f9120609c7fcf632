#!/usr/bin/env bash
# Fetches the public age test vectors (npm package cctv-age) into the build
# tree: one file per vector, in the CCTV file format, zlib bodies inflated.
# Never committed. Idempotent: does nothing when the pinned version is there.
set -euo pipefail

out=${1:?usage: fetch-cctv.sh OUTDIR}
version=0.2.0
sha1=9fc9490395bde049d60ceb549f41a39adc2d080a  # registry shasum of the tarball

if [[ -f "$out/.stamp-$version" ]]; then exit 0; fi
rm -rf "$out"
mkdir -p "$out/vectors"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "cctv-age@$version" >/dev/null 2>"$work/npm.log") || {
  cat "$work/npm.log" >&2
  echo "fetch-cctv: npm pack cctv-age@$version failed" >&2
  exit 1
}
echo "$sha1  $work/cctv-age-$version.tgz" | sha1sum -c --quiet
tar -xzf "$work/cctv-age-$version.tgz" -C "$work"
node --input-type=module - "$work/package/index.js" "$out/vectors" <<'JS'
import fs from 'node:fs';
import zlib from 'node:zlib';
const [src, dst] = process.argv.slice(2);
const vectors = await import(src);
let n = 0;
for (const [name, bytes] of Object.entries(vectors)) {
  if (name === 'default') continue;
  const buf = Buffer.from(bytes);
  const split = buf.indexOf('\n\n');
  let lines = buf.subarray(0, split).toString('latin1').split('\n');
  let body = buf.subarray(split + 2);
  if (lines.includes('compressed: zlib')) {
    body = zlib.inflateSync(body);
    lines = lines.filter((l) => l !== 'compressed: zlib');
  }
  const head = lines.join('\n');
  fs.writeFileSync(`${dst}/${name}`, Buffer.concat([Buffer.from(head + '\n\n', 'latin1'), body]));
  n++;
}
console.log(`fetch-cctv: ${n} vectors`);
JS
touch "$out/.stamp-$version"
