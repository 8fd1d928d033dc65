#!/usr/bin/env bash
# Makes the PuTTY key fixtures with puttygen and records the tool versions in VERSIONS.
# Run from anywhere: ./make-ppk-fixtures.sh  (needs puttygen 0.75 or later; the fixtures here are 0.78's)
#
# For each key NAME (rsa2048, rsa4096, ecdsa256, ecdsa384, ecdsa521, ed25519, dsa1024), all written by puttygen:
#   NAME_v3.ppk        version 3, unencrypted, comment "NAME fixture"
#   NAME_v2.ppk        version 2, unencrypted
#   NAME_v3_enc.ppk    version 3, aes256-cbc, Argon2id with 64 KiB and 1 pass (small, for the mutation sweep)
#   NAME_v2_enc.ppk    version 2, aes256-cbc
#   NAME.pub           puttygen -O public-openssh
#   NAME.openssh       puttygen -O private-openssh-new, unencrypted: the private values to compare with
# and:
#   ed25519_v3_argon2d.ppk, _argon2i.ppk, _argon2id.ppk   each Argon2 variant, 1024 KiB, 2 passes, 2 lanes
#   ecdsa256_v3_argon2id_m1000_p3.ppk   1000 KiB over 3 lanes: not a multiple of 4 KiB per lane
#   rsa2048_v3_enc_puttygen_time.ppk    puttygen's own defaults (8192 KiB, passes chosen to take ~100 ms)
#   ed25519_v3_comment.ppk              a UTF-8 comment with inner and trailing spaces
#   ed448_v3.ppk                        an Ed448 key (PuTTY has them; keypair does not)
# The passphrase of every encrypted fixture is the first line of fixture.pass. puttygen refuses to re-save
# a .ppk as a .ppk when only the format version or passphrase changes ("would perform no useful
# action"), so every such conversion also sets the comment (-C) to what it was.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
: > "$tmp/empty"
printf 'correct horse battery staple\n' > fixture.pass
small=kdf=argon2id,memory=64,passes=1,parallelism=1

for spec in rsa:2048 rsa:4096 ecdsa:256 ecdsa:384 ecdsa:521 ed25519:255 dsa:1024; do
  type=${spec%%:*}; bits=${spec##*:}
  case $type in ed25519) name=ed25519 ;; *) name=$type$bits ;; esac
  puttygen -q -t "$type" -b "$bits" -C "$name fixture" --new-passphrase "$tmp/empty" -o "${name}_v3.ppk" 2>/dev/null
  keep=(-C "$name fixture")
  puttygen "${name}_v3.ppk" -O private -o "${name}_v2.ppk" "${keep[@]}" --ppk-param version=2
  puttygen "${name}_v3.ppk" -O private -o "${name}_v3_enc.ppk" "${keep[@]}" --new-passphrase fixture.pass \
    --ppk-param "$small"
  puttygen "${name}_v3.ppk" -O private -o "${name}_v2_enc.ppk" "${keep[@]}" --new-passphrase fixture.pass \
    --ppk-param version=2
  puttygen "${name}_v3.ppk" -O public-openssh -o "$name.pub"
  puttygen "${name}_v3.ppk" -O private-openssh-new -o "$name.openssh"
done

for kdf in argon2d argon2i argon2id; do
  puttygen ed25519_v3.ppk -O private -o "ed25519_v3_$kdf.ppk" -C "ed25519 fixture" --new-passphrase fixture.pass \
    --ppk-param "kdf=$kdf,memory=1024,passes=2,parallelism=2"
done
puttygen ecdsa256_v3.ppk -O private -o ecdsa256_v3_argon2id_m1000_p3.ppk -C "ecdsa256 fixture" \
  --new-passphrase fixture.pass \
  --ppk-param kdf=argon2id,memory=1000,passes=3,parallelism=3
puttygen rsa2048_v3.ppk -O private -o rsa2048_v3_enc_puttygen_time.ppk -C "rsa2048 fixture" \
  --new-passphrase fixture.pass
puttygen ed25519_v3.ppk -O private -o ed25519_v3_comment.ppk -C 'zoë  and  ops team '
puttygen -q -t ed448 -C "ed448 fixture" --new-passphrase "$tmp/empty" -o ed448_v3.ppk

{
  echo "made by make-ppk-fixtures.sh on $(date -u +%Y-%m-%d)"
  puttygen --version | head -1
  dpkg-query -W -f='putty-tools ${Version}\n' putty-tools 2>/dev/null || true
} > VERSIONS
