package dev.keypair.core;

import dev.keypair.core.internal.SshWireWriter;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;

/**
 * An Ed25519 public key, {@code ssh-ed25519} (RFC 8709 section 4):
 * <pre>
 * string  "ssh-ed25519"
 * string  key                       exactly 32 bytes (RFC 8032 encoding)
 * </pre>
 *
 * <p>Checked when made: exactly 32 bytes ({@link ErrorCode#INVALID_VALUE}). Like OpenSSH, keypair
 * does not decode the point when reading a public key.
 */
public final class Ed25519KeyData extends AbstractKeyData implements KeyData {

  /** Length of an Ed25519 public key. */
  public static final int KEY_LENGTH = 32;

  /** The DER SubjectPublicKeyInfo prefix of an Ed25519 key (RFC 8410): SEQUENCE, AlgorithmIdentifier 1.3.101.112, BIT STRING. */
  static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

  private final byte[] key;

  private Ed25519KeyData(byte[] key, byte[] blob) {
    super(blob);
    this.key = key;
  }

  /** A key from its 32 bytes. */
  public static Ed25519KeyData of(byte[] publicKey) {
    byte[] k = check(publicKey.clone());
    return new Ed25519KeyData(k, new SshWireWriter(51).writeString(KeyType.ED25519.sshName()).writeString(k).toByteArray());
  }

  static Ed25519KeyData decoded(byte[] key, byte[] blob) {
    return new Ed25519KeyData(check(key), blob);
  }

  static byte[] check(byte[] key) {
    if (key.length != KEY_LENGTH) {
      throw new KeyPairException(ErrorCode.INVALID_VALUE,
          "Ed25519 public key is " + key.length + " bytes, not " + KEY_LENGTH);
    }
    return key;
  }

  /** The 32 key bytes, copied. */
  public byte[] keyBytes() {
    return key.clone();
  }

  @Override
  public KeyType type() {
    return KeyType.ED25519;
  }

  @Override
  public String algorithmName() {
    return KeyType.ED25519.sshName();
  }

  @Override
  public int bits() {
    return 256;
  }

  @Override
  public String label() {
    return KeyType.ED25519.label();
  }

  @Override
  public PublicKey toJcaPublicKey() {
    byte[] spki = new byte[SPKI_PREFIX.length + KEY_LENGTH];
    System.arraycopy(SPKI_PREFIX, 0, spki, 0, SPKI_PREFIX.length);
    System.arraycopy(key, 0, spki, SPKI_PREFIX.length, KEY_LENGTH);
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    } catch (GeneralSecurityException ex) {
      throw new KeyPairException(ErrorCode.INVALID_VALUE, "the JDK refused this Ed25519 public key", ex);
    }
  }
}
