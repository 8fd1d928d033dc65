#!/usr/bin/env bash
# Makes the PEM private key fixtures with openssl and ssh-keygen, and records their versions in VERSIONS.
# Every encrypted file uses the passphrase in PASSPHRASE (ASCII) except *.utf8pass.pem, whose passphrase is
# the UTF-8 text in PASSPHRASE-UTF8 (read by openssl from that file). Each NAME.pem has beside it the public
# key the tools say it holds: NAME's key in KEY.spki.pem (openssl pkey -pubout) and, where ssh-keygen reads
# the type, KEY.pub (ssh-keygen -y).
#
#   KEY.pkcs1.pem / KEY.sec1.pem / KEY.dsa.pem   traditional PEM (openssl pkey -traditional)
#   KEY.pkcs8.pem                                 PrivateKeyInfo (openssl pkcs8 -topk8 -nocrypt)
#   KEY.pkcs8.<cipher>-<prf>.pem                  PBES2 + PBKDF2 (openssl pkcs8 -topk8 -v2 CIPHER -v2prf PRF)
#   KEY.pkcs8.scrypt.pem                          PBES2 + scrypt N=16384 r=8 p=1 (openssl pkcs8 -topk8 -scrypt)
#   KEY.pkcs8.iter16.pem                          PBES2, 16 PBKDF2 iterations: cheap enough for the mutation sweep
#   KEY.pkcs8.scrypt-n16.pem                      PBES2 + scrypt N=16 r=1 p=1: likewise
#   KEY.<form>.<cipher>.pem                       legacy Proc-Type/DEK-Info encryption (openssl pkey -traditional -CIPHER)
#   ssh-KEY.pem / ssh-KEY.pkcs8.pem               ssh-keygen -m PEM / -m PKCS8 -N PASSPHRASE
# Refused inputs, each named in PemPrivateKeysTest with its error code:
#   ec256.sec1.explicit.pem, ec256.pkcs8.explicit.pem, sect283k1.sec1.explicit.pem   explicit EC parameters
#   secp256k1.sec1.pem, secp256k1.pkcs8.pem                                           a curve SSH does not use
#   rsa3prime.pkcs1.pem                                                               multi-prime RSA (version 1)
#   rsa_pss.pkcs8.pem, x25519.pkcs8.pem, ed448.pkcs8.pem                              other algorithms
#   rsa2048.pkcs8.pbes1-3des.pem                                                      PKCS#12 PBE, not PBES2
# Run from this directory: ./make-pem-private-fixtures.sh  (needs openssl 3 and ssh-keygen)
set -euo pipefail
cd "$(dirname "$0")"
rm -f ./*.pem ./*.pub
pass=$(cat PASSPHRASE)
pk8() { openssl pkcs8 -topk8 "$@"; }

# plain keys: the PKCS#8 openssl made, the traditional form, the public keys
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa2048.pkcs8.pem 2>/dev/null
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out rsa1024.pkcs8.pem 2>/dev/null
for c in 256 384 521; do
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-$c -out ec$c.pkcs8.pem
  openssl ec -in ec$c.pkcs8.pem -out ec$c.sec1.pem 2>/dev/null
done
openssl genpkey -algorithm ed25519 -out ed25519.pkcs8.pem
openssl genpkey -genparam -algorithm DSA -pkeyopt dsa_paramgen_bits:1024 -out dsa-params.tmp 2>/dev/null
openssl genpkey -paramfile dsa-params.tmp -out dsa1024.pkcs8.pem
rm dsa-params.tmp
for k in rsa2048 rsa1024; do openssl pkey -in $k.pkcs8.pem -traditional -out $k.pkcs1.pem; done
openssl pkey -in dsa1024.pkcs8.pem -traditional -out dsa1024.dsa.pem
for k in rsa2048 rsa1024 ec256 ec384 ec521 ed25519 dsa1024; do
  openssl pkey -in $k.pkcs8.pem -pubout -out $k.spki.pem
done
chmod 600 ./*.pem
for k in rsa2048 rsa1024 ec256 ec384 ec521 dsa1024; do
  ssh-keygen -y -f $k.pkcs8.pem > $k.pub
done

# encrypted PKCS#8
pk8 -in rsa2048.pkcs8.pem -v2 aes-256-cbc -v2prf hmacWithSHA256 -passout file:PASSPHRASE -out rsa2048.pkcs8.aes256-sha256.pem
pk8 -in ec256.pkcs8.pem -v2 aes-128-cbc -v2prf hmacWithSHA1 -passout file:PASSPHRASE -out ec256.pkcs8.aes128-sha1.pem
pk8 -in ec384.pkcs8.pem -v2 aes-192-cbc -v2prf hmacWithSHA512 -passout file:PASSPHRASE -out ec384.pkcs8.aes192-sha512.pem
pk8 -in ec521.pkcs8.pem -v2 aes-256-cbc -v2prf hmacWithSHA384 -passout file:PASSPHRASE -out ec521.pkcs8.aes256-sha384.pem
pk8 -in ec256.pkcs8.pem -v2 aes-256-cbc -v2prf hmacWithSHA224 -passout file:PASSPHRASE -out ec256.pkcs8.aes256-sha224.pem
pk8 -in ec256.pkcs8.pem -v2 des3 -passout file:PASSPHRASE -out ec256.pkcs8.des3-sha256.pem
pk8 -in ed25519.pkcs8.pem -scrypt -passout file:PASSPHRASE -out ed25519.pkcs8.scrypt.pem
pk8 -in ec256.pkcs8.pem -v2 aes-256-cbc -iter 16 -passout file:PASSPHRASE -out ec256.pkcs8.iter16.pem
pk8 -in ec256.pkcs8.pem -scrypt -scrypt_N 16 -scrypt_r 1 -scrypt_p 1 -passout file:PASSPHRASE -out ec256.pkcs8.scrypt-n16.pem
pk8 -in ed25519.pkcs8.pem -v2 aes-256-cbc -passout file:PASSPHRASE -out ed25519.pkcs8.aes256-sha256.pem
pk8 -in dsa1024.pkcs8.pem -v2 aes-256-cbc -passout file:PASSPHRASE -out dsa1024.pkcs8.aes256-sha256.pem
pk8 -in ec256.pkcs8.pem -v2 aes-256-cbc -passout file:PASSPHRASE-UTF8 -out ec256.pkcs8.utf8pass.pem
pk8 -in rsa2048.pkcs8.pem -v1 PBE-SHA1-3DES -passout file:PASSPHRASE -out rsa2048.pkcs8.pbes1-3des.pem

# legacy Proc-Type encryption
for c in aes128 aes192 aes256 des3; do
  openssl pkey -in rsa2048.pkcs8.pem -traditional -$c -passout file:PASSPHRASE -out rsa2048.pkcs1.$c.pem
done
openssl pkey -in ec256.pkcs8.pem -traditional -aes256 -passout file:PASSPHRASE -out ec256.sec1.aes256.pem
openssl pkey -in ec521.pkcs8.pem -traditional -des3 -passout file:PASSPHRASE -out ec521.sec1.des3.pem
openssl pkey -in dsa1024.pkcs8.pem -traditional -aes128 -passout file:PASSPHRASE -out dsa1024.dsa.aes128.pem
openssl pkey -in ec256.pkcs8.pem -traditional -aes128 -passout file:PASSPHRASE-UTF8 -out ec256.sec1.utf8pass.pem

# ssh-keygen's own (it writes the legacy encryption for -m PEM and PBES2 for -m PKCS8)
for t in rsa ecdsa dsa; do
  ssh-keygen -q -t $t -m PEM -N "$pass" -C "" -f ssh-$t.pem
  mv ssh-$t.pem.pub ssh-$t.pub
done
for t in rsa ecdsa; do
  ssh-keygen -q -t $t -m PKCS8 -N "$pass" -C "" -f ssh-$t.pkcs8.pem
  mv ssh-$t.pkcs8.pem.pub ssh-$t.pkcs8.pub
done

# refused inputs
openssl ec -in ec256.pkcs8.pem -param_enc explicit -out ec256.sec1.explicit.pem 2>/dev/null
pk8 -nocrypt -in ec256.sec1.explicit.pem -out ec256.pkcs8.explicit.pem
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:sect283k1 -out sect283k1.tmp
openssl ec -in sect283k1.tmp -param_enc explicit -out sect283k1.sec1.explicit.pem 2>/dev/null
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:secp256k1 -out secp256k1.pkcs8.pem
openssl ec -in secp256k1.pkcs8.pem -out secp256k1.sec1.pem 2>/dev/null
rm sect283k1.tmp
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -pkeyopt rsa_keygen_primes:3 -out rsa3prime.tmp 2>/dev/null
openssl pkey -in rsa3prime.tmp -traditional -out rsa3prime.pkcs1.pem
rm rsa3prime.tmp
openssl genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -out rsa_pss.pkcs8.pem 2>/dev/null
openssl genpkey -algorithm X25519 -out x25519.pkcs8.pem
openssl genpkey -algorithm ED448 -out ed448.pkcs8.pem
chmod 644 ./*.pem

{
  echo "made by make-pem-private-fixtures.sh on $(date -u +%Y-%m-%d)"
  openssl version
  ssh -V 2>&1
} > VERSIONS
