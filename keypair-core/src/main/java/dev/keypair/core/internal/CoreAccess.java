package dev.keypair.core.internal;

import dev.keypair.core.Bytes;
import dev.keypair.core.KeyData;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.Passphrase;
import dev.keypair.core.RsaKeyData;
import dev.keypair.core.RsaPrivateKeyData;
import dev.keypair.core.SecretBytes;
import java.math.BigInteger;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Copy-free and secret access to core types for keypair's own modules (the JDK's "shared secrets"
 * pattern).
 *
 * <p>{@code Bytes} is immutable to the world: it copies on the way in and out. keypair's codecs parse
 * and hash blobs millions of times, so they borrow the backing array here instead, on the promise
 * never to modify it. Codecs also need the UTF-8 bytes of a passphrase and the contents of secrets,
 * which the public API hands out only against {@code InsecureSecretAccess}.
 *
 * <p>This package is exported only to keypair's modules. That protection is the module system's: on
 * the class path, where most programs run, any code can call these methods, as it could use
 * reflection. Code in the same JVM is trusted either way; the point is that no well-behaved program
 * reaches raw bytes or secrets by accident.
 */
public final class CoreAccess {

  /** Implemented inside {@code dev.keypair.core}. */
  public interface Accessor {
    Bytes wrap(byte[] owned);

    byte[] array(Bytes bytes);

    byte[] utf8(Passphrase passphrase);

    byte[] array(SecretBytes secret);

    SecretBytes wrapSecret(byte[] owned);

    boolean hasCrtExponents(RsaPrivateKeyData key, byte[] dP, byte[] dQ);

    RsaKeyData rsaKey(BigInteger e, byte[] modulus, KeyPairLimits limits);

    Bytes sha256(KeyData key, Supplier<Bytes> digest);
  }

  private static volatile Accessor accessor;

  private CoreAccess() {}

  /** Called once, by {@code Bytes}'s static initializer. */
  public static void setAccessor(Accessor a) {
    if (accessor != null) {
      throw new IllegalStateException("already set");
    }
    accessor = Objects.requireNonNull(a);
  }

  private static Accessor access() {
    Accessor a = accessor;
    if (a == null) {
      Bytes.empty(); // runs Bytes's static initializer, which registers the accessor
      a = accessor;
    }
    return a;
  }

  /** A {@code Bytes} that owns {@code owned}; the caller must not touch the array afterwards. */
  public static Bytes wrap(byte[] owned) {
    return access().wrap(owned);
  }

  /** The backing array of {@code bytes}; the caller must not modify it. */
  public static byte[] array(Bytes bytes) {
    return access().array(bytes);
  }

  /** The UTF-8 bytes of the passphrase, a fresh array the caller must {@link Wipe#wipe wipe}. */
  public static byte[] utf8(Passphrase passphrase) {
    return access().utf8(passphrase);
  }

  /** The backing array of a secret; the caller must neither modify it nor keep it. */
  public static byte[] array(SecretBytes secret) {
    return access().array(secret);
  }

  /** A secret that owns {@code owned}; the caller must not touch the array afterwards. */
  public static SecretBytes wrapSecret(byte[] owned) {
    return access().wrapSecret(owned);
  }

  /**
   * Whether {@code dP} and {@code dQ}, read from a file as the minimal big-endian two's complement bytes of
   * positive numbers (DER INTEGER contents), are {@code d mod (p - 1)} and {@code d mod (q - 1)} of {@code key};
   * checked without reducing {@code d} when the key has not made them.
   */
  public static boolean hasCrtExponents(RsaPrivateKeyData key, byte[] dP, byte[] dQ) {
    return access().hasCrtExponents(key, dP, dQ);
  }

  /**
   * {@code RsaKeyData.of(e, new BigInteger(modulus), limits)} without making the modulus: {@code modulus} holds the
   * big-endian two's complement bytes of a non-negative number, such as a DER INTEGER's content (copied).
   */
  public static RsaKeyData rsaKey(BigInteger e, byte[] modulus, KeyPairLimits limits) {
    return access().rsaKey(e, modulus, limits);
  }

  /**
   * The SHA-256 of {@code key}'s blob, kept by the key after {@code digest} (which must compute exactly that)
   * has computed it once.
   */
  public static Bytes sha256(KeyData key, Supplier<Bytes> digest) {
    return access().sha256(key, digest);
  }
}
