#!/usr/bin/env bash
# `make run` for now: the daemon does not exist yet, so show what has been
# built and demonstrate it: a key pair, an encrypted file, and proof that the
# reference age CLI reads it.
set -euo pipefail
build=${1:-build}
age_bin="$build/daemon/age_tool/kluis-age"

echo "kluis: built so far"
echo "  $age_bin   (age v1 encrypt/decrypt/keygen on kluis's own codec)"
echo
demo=$(mktemp -d)
trap 'rm -rf "$demo"' EXIT
"$age_bin" --keygen -o "$demo/key.txt" 2>/dev/null
recipient=$("$age_bin" --to-recipient "$demo/key.txt")
printf 'Invented client: Jansen, coaching session notes.\n' >"$demo/note.txt"
"$age_bin" -e -a -r "$recipient" -o "$demo/note.age" "$demo/note.txt"
echo "demo: encrypted a note to $recipient:"
sed 's/^/    /' "$demo/note.age"
echo "demo: the reference age CLI decrypts it:"
age -d -i "$demo/key.txt" "$demo/note.age" | sed 's/^/    /'
echo
echo "Try: $age_bin --help"
