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
 * <p>Private keys: {@link dev.keypair.formats.OpenSshPrivateKeys} reads and writes OpenSSH's
 * {@code openssh-key-v1} files (what ssh-keygen writes), giving a
 * {@link dev.keypair.formats.DecodedPrivateKey}; {@link dev.keypair.formats.KeyProtection} says how a
 * written key is encrypted.
 *
 * <p>Every decoder is total: it returns a key or throws
 * {@link dev.keypair.core.KeyPairException} with an error code, and it applies the caps of
 * {@link dev.keypair.core.KeyPairLimits} before doing the work they bound.
 */
package dev.keypair.formats;
