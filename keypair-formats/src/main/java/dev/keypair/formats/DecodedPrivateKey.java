package dev.keypair.formats;

import dev.keypair.core.SshPrivateKey;
import dev.keypair.core.SshPublicKey;
import java.util.Objects;
import java.util.Optional;

/**
 * A private key file as read: what JCA's {@code KeyPair} drops is kept here. The format, whether
 * and how it was encrypted, the comment, and the public key, which OpenSSH and PPK files carry in
 * the clear, so it is here even while the private part is still locked (no passphrase given).
 *
 * @param format      the file's format
 * @param publicKey   the public key, with the file's comment (where the format has one)
 * @param privateKey  the private key, absent when the file is encrypted and was only opened for its public half
 * @param encryption  how the file was encrypted ({@code aes256-ctr/bcrypt/16}, {@code Argon2id/8192/34/1}...), absent if not
 */
public record DecodedPrivateKey(KeyFormat format, SshPublicKey publicKey, Optional<SshPrivateKey> privateKey,
    Optional<String> encryption) {

  public DecodedPrivateKey {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(encryption, "encryption");
  }

  /** Whether the file was encrypted. */
  public boolean isEncrypted() {
    return encryption.isPresent();
  }

  /** Whether the private key is available (unencrypted, or decrypted with a passphrase). */
  public boolean isUnlocked() {
    return privateKey.isPresent();
  }

  /** The private key, for callers that gave a passphrase or know the file is unencrypted. */
  public SshPrivateKey requirePrivateKey() {
    return privateKey.orElseThrow(() -> new dev.keypair.core.KeyPairException(
        dev.keypair.core.ErrorCode.PASSPHRASE_REQUIRED, "the private key is encrypted and no passphrase was given"));
  }
}
