package dev.keypair.store;

import dev.keypair.core.InsecureSecretAccess;
import dev.keypair.core.SecretBytes;
import dev.keypair.formats.KeyFiles;
import dev.keypair.formats.PrivateKeyFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * A key pair the provider just created: its record, and the private key file, handed over once. The
 * registry keeps only the public half; this object is the only copy of the private key, so write it
 * ({@link #writePrivateKey}) and close it. It prints as its record, never its key.
 */
public final class CreatedKeyPair implements Destroyable, AutoCloseable {

  private final KeyPairRecord record;
  private final PrivateKeyFormat format;
  private final SecretBytes privateKey;

  CreatedKeyPair(KeyPairRecord record, PrivateKeyFormat format, SecretBytes privateKey) {
    this.record = Objects.requireNonNull(record, "record");
    this.format = Objects.requireNonNull(format, "format");
    this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
  }

  /** The record the registry now holds. */
  public KeyPairRecord record() {
    return record;
  }

  /** The private key file's format (on AWS: PKCS#1 PEM for RSA, OpenSSH for Ed25519, or PPK). */
  public PrivateKeyFormat format() {
    return format;
  }

  /** The private key file's bytes, unencrypted as the provider hands them over. */
  public SecretBytes privateKey() {
    return privateKey;
  }

  /**
   * Writes the private key file owner-only (mode 0600 from its creation, atomically; see
   * {@link KeyFiles#writePrivate}).
   */
  public void writePrivateKey(Path target, KeyFiles.WriteOptions options) throws IOException {
    byte[] bytes = privateKey.toByteArray(InsecureSecretAccess.get());
    try {
      KeyFiles.writePrivate(target, bytes, options);
    } finally {
      java.util.Arrays.fill(bytes, (byte) 0);
    }
  }

  @Override
  public void destroy() {
    privateKey.destroy();
  }

  @Override
  public boolean isDestroyed() {
    return privateKey.isDestroyed();
  }

  @Override
  public void close() {
    destroy();
  }

  @Override
  public String toString() {
    return "CreatedKeyPair[" + record.name() + ", " + record.id() + ", private key " + format.cliName() + " "
        + privateKey + "]";
  }
}
