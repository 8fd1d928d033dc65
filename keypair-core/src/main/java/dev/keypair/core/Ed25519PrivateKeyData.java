package dev.keypair.core;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Objects;

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
    Ed25519PrivateKeyData k = fromSeed(seed);
    if (!k.publicKey.equals(publicKey)) {
      k.destroy();
      throw new KeyPairException(ErrorCode.KEY_MISMATCH,
          "Ed25519 private key does not match its public key (the public key derived from the seed differs)");
    }
    return k;
  }

  /** The key of {@code seed} (copied); derives the public key. */
  public static Ed25519PrivateKeyData fromSeed(byte[] seed) {
    if (seed.length != SEED_LENGTH) {
      throw new KeyPairException(ErrorCode.INVALID_VALUE,
          "Ed25519 private key seed is " + seed.length + " bytes, not " + SEED_LENGTH);
    }
    SecretBytes s = SecretBytes.copyOf(seed);
    return new Ed25519PrivateKeyData(Ed25519KeyData.of(derivePublic(s.array())), s);
  }

  /**
   * The public key of a seed, by the JDK's own Ed25519 key pair generator fed the seed as its
   * randomness (it draws exactly the 32 seed bytes, RFC 8032 section 5.1.5).
   */
  private static byte[] derivePublic(byte[] seed) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519", "SunEC");
      g.initialize(NamedParameterSpec.ED25519, new SeedRandom(seed));
      KeyPair kp = g.generateKeyPair();
      byte[] spki = kp.getPublic().getEncoded();
      return Arrays.copyOfRange(spki, spki.length - Ed25519KeyData.KEY_LENGTH, spki.length);
    } catch (GeneralSecurityException e) {
      throw new KeyPairException(ErrorCode.INTERNAL, "the JDK cannot derive an Ed25519 public key", e);
    }
  }

  /** A "random" source that returns the seed once. */
  private static final class SeedRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;

    SeedRandom(byte[] seed) {
      super(new SeedSpi(seed), null);
    }
  }

  private static final class SeedSpi extends SecureRandomSpi {
    private static final long serialVersionUID = 1L;
    private final transient byte[] seed;
    private boolean used;

    SeedSpi(byte[] seed) {
      this.seed = seed;
    }

    @Override
    protected void engineSetSeed(byte[] s) {
      // the seed is fixed
    }

    @Override
    protected void engineNextBytes(byte[] bytes) {
      if (used || bytes.length != seed.length) {
        throw new IllegalStateException("the Ed25519 generator asked for other randomness than its seed");
      }
      used = true;
      System.arraycopy(seed, 0, bytes, 0, bytes.length);
    }

    @Override
    protected byte[] engineGenerateSeed(int numBytes) {
      throw new IllegalStateException("no seed generation");
    }
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
