/**
 * keypair's codecs: reading and writing keys in every format people meet.
 *
 * <p>Entry points: {@link dev.keypair.formats.PublicKeys} detects the format of any public key
 * input and writes a key in any {@link dev.keypair.formats.PublicKeyFormat}; each format also has
 * its own class: {@link dev.keypair.formats.OpenSshPublicKeys} (one line),
 * {@link dev.keypair.formats.AuthorizedKeys} ({@code authorized_keys} files, read as streams),
 * {@link dev.keypair.formats.Rfc4716} (SSH2 public key files),
 * {@link dev.keypair.formats.SubjectPublicKeyInfo} (DER), {@link dev.keypair.formats.PemPublicKeys}
 * (PEM {@code PUBLIC KEY} and {@code RSA PUBLIC KEY}) and {@link dev.keypair.formats.DerBase64}.
 *
 * <p>Private keys: {@link dev.keypair.formats.PrivateKeys} detects and reads any private key file and
 * writes any {@link dev.keypair.formats.PrivateKeyFormat}; per format,
 * {@link dev.keypair.formats.OpenSshPrivateKeys} ({@code openssh-key-v1}),
 * {@link dev.keypair.formats.PemPrivateKeys} ({@code RSA PRIVATE KEY}, {@code EC PRIVATE KEY},
 * {@code DSA PRIVATE KEY}, PKCS#8 {@code PRIVATE KEY} and {@code ENCRYPTED PRIVATE KEY}, with OpenSSL's
 * legacy encryption) and {@link dev.keypair.formats.PuttyPrivateKeys} (PuTTY {@code .ppk}, versions 2 and 3).
 * They read into a {@link dev.keypair.formats.DecodedPrivateKey} and write with a
 * {@link dev.keypair.formats.KeyProtection}; {@link dev.keypair.formats.KeyFiles} writes key files
 * owner-only and atomically.
 *
 * <p>Every decoder is total: it returns a key or throws
 * {@link dev.keypair.core.KeyPairException} with an error code, and it applies the caps of
 * {@link dev.keypair.core.KeyPairLimits} before doing the work they bound.
 */
package dev.keypair.formats;
