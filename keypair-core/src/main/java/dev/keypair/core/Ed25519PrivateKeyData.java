package dev.keypair.core;

import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Objects;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 private key: its 32-byte seed (RFC 8032 section 5.1.5) with its public key. OpenSSH
 * stores {@code seed || public} (64 bytes), PKCS#8 the seed alone.
 *
 * <p>Checked when made: the seed is 32 bytes ({@link ErrorCode#INVALID_VALUE}) and the public key
 * derived from it is the one given ({@link ErrorCode#KEY_MISMATCH}). The seed is a
 * {@link SecretBytes}, wiped by {@link #destroy()}.
 */
public final class Ed25519PrivateKeyData implements PrivateKeyData {

  /** Length of the seed. */
  public static final int SEED_LENGTH = 32;

  private final Ed25519KeyData publicKey;
  private final SecretBytes seed;

  private Ed25519PrivateKeyData(Ed25519KeyData publicKey, SecretBytes seed) {
    this.publicKey = publicKey;
    this.seed = seed;
  }

  /** The key of {@code seed} (copied), checked against {@code publicKey}. */
  public static Ed25519PrivateKeyData of(Ed25519KeyData publicKey, byte[] seed) {
    Objects.requireNonNull(publicKey, "publicKey");
    checkLength(seed);
    if (!MessageDigest.isEqual(derivePublic(seed), publicKey.keyBytes())) {
      throw new KeyPairException(ErrorCode.KEY_MISMATCH,
          "Ed25519 private key does not match its public key (the public key derived from the seed differs)");
    }
    return new Ed25519PrivateKeyData(publicKey, SecretBytes.copyOf(seed));
  }

  /** The key of {@code seed} (copied); derives the public key. */
  public static Ed25519PrivateKeyData fromSeed(byte[] seed) {
    checkLength(seed);
    return new Ed25519PrivateKeyData(Ed25519KeyData.of(derivePublic(seed)), SecretBytes.copyOf(seed));
  }

  private static void checkLength(byte[] seed) {
    if (seed.length != SEED_LENGTH) {
      throw new KeyPairException(ErrorCode.INVALID_VALUE,
          "Ed25519 private key seed is " + seed.length + " bytes, not " + SEED_LENGTH);
    }
  }

  /**
   * The public key of a seed (RFC 8032 section 5.1.5), by BouncyCastle's {@code rfc8032.Ed25519}, whose
   * fixed-base multiplication runs on precomputed tables: about 50 microseconds, against about 300 for the
   * JDK's Ed25519 key pair generator fed the seed as its randomness, keypair's way until then (a timing
   * loop on a loaded 2-core machine). A test checks that the two agree on many seeds.
   */
  private static byte[] derivePublic(byte[] seed) {
    byte[] pk = new byte[Ed25519KeyData.KEY_LENGTH];
    Ed25519.generatePublicKey(seed, 0, pk, 0);
    return pk;
  }

  @Override
  public Ed25519KeyData publicKey() {
    return publicKey;
  }

  /** A copy of the 32-byte seed; wipe it after use. */
  public byte[] seed(InsecureSecretAccess access) {
    return seed.toByteArray(access);
  }

  @Override
  public boolean sameKey(PrivateKeyData other) {
    return other instanceof Ed25519PrivateKeyData o && publicKey.equals(o.publicKey)
        && seed.equalsConstantTime(o.seed);
  }

  @Override
  public PrivateKey toJcaPrivateKey(InsecureSecretAccess access) {
    InsecureSecretAccess.check(access);
    return JcaKeys.toJcaPrivate("Ed25519", new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed.array()),
        "an Ed25519 private key");
  }

  @Override
  public void destroy() {
    seed.destroy();
  }

  @Override
  public boolean isDestroyed() {
    return seed.isDestroyed();
  }

  @Override
  public String toString() {
    return "Ed25519PrivateKeyData[ED25519 256]";
  }
}
