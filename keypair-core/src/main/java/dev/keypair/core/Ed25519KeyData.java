package dev.keypair.core;

import dev.keypair.core.internal.SshWireWriter;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.math.BigInteger;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;

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

  /**
   * As a JCA key: the RFC 8032 encoding is y in little-endian with the sign of x in the top bit, which
   * is the JDK's {@link EdECPoint}.
   */
  @Override
  public PublicKey toJcaPublicKey() {
    byte[] le = key.clone();
    boolean xOdd = (le[KEY_LENGTH - 1] & 0x80) != 0;
    le[KEY_LENGTH - 1] &= 0x7f;
    byte[] be = new byte[KEY_LENGTH];
    for (int i = 0; i < KEY_LENGTH; i++) {
      be[i] = le[KEY_LENGTH - 1 - i];
    }
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(
          new EdECPublicKeySpec(NamedParameterSpec.ED25519, new EdECPoint(xOdd, new BigInteger(1, be))));
    } catch (GeneralSecurityException ex) {
      throw new KeyPairException(ErrorCode.INVALID_VALUE, "the JDK refused this Ed25519 public key", ex);
    }
  }

  /** The RFC 8032 encoding of a JCA point. */
  static byte[] encode(EdECPoint point) {
    byte[] be = point.getY().toByteArray();
    byte[] le = new byte[KEY_LENGTH];
    for (int i = 0; i < Math.min(be.length, KEY_LENGTH + 1); i++) {
      int from = be.length - 1 - i;
      if (i < KEY_LENGTH && from >= 0) {
        le[i] = be[from];
      }
    }
    if (point.isXOdd()) {
      le[KEY_LENGTH - 1] |= (byte) 0x80;
    }
    return le;
  }
}
