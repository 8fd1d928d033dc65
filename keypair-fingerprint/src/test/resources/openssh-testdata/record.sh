#!/bin/sh
# Writes, to stdout, what ssh-keygen -l prints for every public key and certificate here, as
# tab-separated rows: file, hash, exit code, the one line printed (stdout, or stderr on failure,
# without its CR).
# Run from anywhere:  ./record.sh > ssh-keygen-l.tsv
set -eu
cd "$(dirname "$0")"
echo "# $(ssh -V 2>&1)"
for f in freebsd/*.pub oasislinux/*.pub; do
  for hash in sha256 md5; do
    rc=0
    out=$(LC_ALL=C ssh-keygen -l -E "$hash" -f "$f" 2>&1) || rc=$?
    out=$(printf '%s' "$out" | tr -d '\r')  # ssh-keygen ends its error messages with CR LF
    printf '%s\t%s\t%s\t%s\n' "$f" "$hash" "$rc" "$out"
  done
done
