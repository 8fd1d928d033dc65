#!/usr/bin/env bash
# Makes the SubjectPublicKeyInfo fixtures that keypair must refuse (or read) with openssl, and records
# its version. Every file is a PEM "PUBLIC KEY" written by `openssl pkey -pubout` or `openssl ec -pubout`:
#   ec_p256_explicit.pem       P-256 with explicit parameters (specifiedCurve)      UNSUPPORTED_ALGORITHM
#   ec_p256_compressed.pem     P-256, compressed point (02/03 || X)                 INVALID_VALUE
#   ec_secp256k1.pem           named curve secp256k1 1.3.132.0.10                   UNSUPPORTED_ALGORITHM
#   ec_brainpoolP256r1.pem     named curve brainpoolP256r1                          UNSUPPORTED_ALGORITHM
#   ec_sect283k1.pem           named binary curve sect283k1 1.3.132.0.16            UNSUPPORTED_ALGORITHM
#   ec_sect283k1_explicit.pem  sect283k1 with explicit F2m parameters                UNSUPPORTED_ALGORITHM
#   x25519.pem, x448.pem, ed448.pem                                                 UNSUPPORTED_ALGORITHM
#   rsa_pss.pem                RSASSA-PSS 1.2.840.113549.1.1.10                      UNSUPPORTED_ALGORITHM
# Run from this directory: ./make-der-fixtures.sh  (needs openssl 3)
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$tmp/p256.pem"
openssl ec -in "$tmp/p256.pem" -pubout -param_enc explicit -out ec_p256_explicit.pem 2>/dev/null
openssl ec -in "$tmp/p256.pem" -pubout -conv_form compressed -out ec_p256_compressed.pem 2>/dev/null
for c in secp256k1 brainpoolP256r1 sect283k1; do
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:$c -out "$tmp/$c.pem"
  openssl pkey -in "$tmp/$c.pem" -pubout -out ec_$c.pem
done
openssl ec -in "$tmp/sect283k1.pem" -pubout -param_enc explicit -out ec_sect283k1_explicit.pem 2>/dev/null
for a in X25519 X448 ED448; do
  lower=$(echo $a | tr 'A-Z' 'a-z')
  openssl genpkey -algorithm $a -out "$tmp/$lower.pem"
  openssl pkey -in "$tmp/$lower.pem" -pubout -out $lower.pem
done
openssl genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -out "$tmp/pss.pem" 2>/dev/null
openssl pkey -in "$tmp/pss.pem" -pubout -out rsa_pss.pem

{
  echo "made by make-der-fixtures.sh on $(date -u +%Y-%m-%d)"
  openssl version
} > VERSIONS
