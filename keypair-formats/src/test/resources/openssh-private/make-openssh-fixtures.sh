#!/usr/bin/env bash
# Makes the openssh-key-v1 fixtures with the real ssh-keygen, and records its version in VERSIONS.
# Each NAME.key is the private key file, NAME.pub the public line ssh-keygen wrote beside it.
#   ed25519, ecdsa256, ecdsa384, ecdsa521, rsa2048, dsa1024   unencrypted (-N ''), comment "fixture NAME"
#   ed25519_nocomment                                         unencrypted, empty comment
#   ed25519_CIPHER                                            every cipher of `ssh -Q cipher` (3des-cbc included,
#                                                             which keypair reads but never writes), -a 2
#   rsa2048_enc, ecdsa521_enc, dsa1024_enc                    ssh-keygen's default cipher (aes256-ctr), -a 2
#   ed25519_default                                           ssh-keygen's defaults: aes256-ctr, 16 rounds
#   ed25519_a1000                                             -a 1000: under keypair's default cap of 1024
#   ed25519_aes128ctr_a1                                      aes128-ctr with 1 round: the cheapest encrypted
#                                                             file, for the mutation sweep
# Every encrypted file has the passphrase in PASSPHRASE (OpenSshKeyFiles.PASSPHRASE in the tests).
# Run from this directory: ./make-openssh-fixtures.sh  (needs ssh-keygen; the -a 1000 key takes seconds)
set -euo pipefail
cd "$(dirname "$0")"
PASSPHRASE='correct horse'
rm -f ./*.key ./*.pub

gen() {
  local name=$1; shift
  ssh-keygen -q "$@" -f "$name.key" </dev/null
  mv "$name.key.pub" "$name.pub"
}

gen ed25519 -t ed25519 -N '' -C 'fixture ed25519'
gen ecdsa256 -t ecdsa -b 256 -N '' -C 'fixture ecdsa256'
gen ecdsa384 -t ecdsa -b 384 -N '' -C 'fixture ecdsa384'
gen ecdsa521 -t ecdsa -b 521 -N '' -C 'fixture ecdsa521'
gen rsa2048 -t rsa -b 2048 -N '' -C 'fixture rsa2048'
gen dsa1024 -t dsa -N '' -C 'fixture dsa1024'
gen ed25519_nocomment -t ed25519 -N '' -C ''
for cipher in $(ssh -Q cipher); do
  gen "ed25519_$cipher" -t ed25519 -N "$PASSPHRASE" -Z "$cipher" -a 2 -C "fixture ed25519 $cipher"
done
gen rsa2048_enc -t rsa -b 2048 -N "$PASSPHRASE" -a 2 -C 'fixture rsa2048 encrypted'
gen ecdsa521_enc -t ecdsa -b 521 -N "$PASSPHRASE" -a 2 -C 'fixture ecdsa521 encrypted'
gen dsa1024_enc -t dsa -N "$PASSPHRASE" -a 2 -C 'fixture dsa1024 encrypted'
gen ed25519_default -t ed25519 -N "$PASSPHRASE" -C 'fixture ssh-keygen defaults'
gen ed25519_a1000 -t ed25519 -N "$PASSPHRASE" -a 1000 -C 'fixture 1000 rounds'
gen ed25519_aes128ctr_a1 -t ed25519 -N "$PASSPHRASE" -Z aes128-ctr -a 1 -C 'fixture one round'

{
  echo "made by make-openssh-fixtures.sh on $(date -u +%F)"
  ssh -V 2>&1
  echo "ciphers: $(ssh -Q cipher | tr '\n' ' ')"
} > VERSIONS
