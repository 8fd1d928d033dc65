package dev.keypair.core;

import dev.keypair.core.internal.SshWireWriter;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Objects;

/**
 * An RSA public key, {@code ssh-rsa} (RFC 4253 section 6.6):
 * <pre>
 * string  "ssh-rsa"
 * mpint   e
 * mpint   n
 * </pre>
 *
 * <p>Checked when made, before any other arithmetic: the modulus length is within the limits'
 * {@linkplain KeyPairLimits#rsaMinBits() floor} ({@link ErrorCode#WEAK_KEY}) and
 * {@linkplain KeyPairLimits#rsaMaxBits() cap} ({@link ErrorCode#KEY_TOO_LARGE}); the modulus is odd
 * and has no prime factor below 256 ({@code WEAK_KEY}); the exponent is odd, greater than 1 and
 * less than the modulus ({@link ErrorCode#INVALID_VALUE}). No primality test is run: a parser of
 * public keys does not need one, and it costs milliseconds per key.
 */
public final class RsaKeyData extends AbstractKeyData implements KeyData {

  private final BigInteger e;
  /** The modulus, made from the blob when first asked for: reading and checking a key does not need it. */
  private BigInteger n;
  /** Where the modulus's magnitude is in the blob. */
  private final int modulusOffset;
  private final int modulusLength;
  private final int bits;

  private RsaKeyData(BigInteger e, BigInteger n, byte[] blob, int modulusOffset, int modulusLength, int bits) {
    super(blob);
    this.e = e;
    this.n = n;
    this.modulusOffset = modulusOffset;
    this.modulusLength = modulusLength;
    this.bits = bits;
  }

  /** A validated key with the default limits. */
  public static RsaKeyData of(BigInteger publicExponent, BigInteger modulus) {
    return of(publicExponent, modulus, KeyPairLimits.defaults());
  }

  /** A validated key. */
  public static RsaKeyData of(BigInteger publicExponent, BigInteger modulus, KeyPairLimits limits) {
    Objects.requireNonNull(publicExponent, "publicExponent");
    Objects.requireNonNull(modulus, "modulus");
    Objects.requireNonNull(limits, "limits");
    if (modulus.signum() < 0) {
      throw notPositive();
    }
    return of(publicExponent, modulus, modulus.toByteArray(), limits);
  }

  /**
   * A validated key whose modulus is given as its minimal big-endian two's complement bytes (a DER INTEGER's
   * content, a {@link BigInteger#toByteArray()}), for a reader that has them and need not make the number: it is
   * made from the blob when first asked for. The checks and errors of
   * {@link #of(BigInteger, BigInteger, KeyPairLimits)}; the bytes are copied.
   *
   * @throws IllegalArgumentException if {@code modulus} is empty or not minimal (the blob would not be canonical)
   */
  static RsaKeyData ofModulusBytes(BigInteger publicExponent, byte[] modulus, KeyPairLimits limits) {
    Objects.requireNonNull(publicExponent, "publicExponent");
    Objects.requireNonNull(modulus, "modulus");
    Objects.requireNonNull(limits, "limits");
    if (modulus.length == 0 || modulus.length > 1 && (modulus[0] == 0 && modulus[1] >= 0
        || modulus[0] == -1 && modulus[1] < 0)) {
      throw new IllegalArgumentException("the modulus bytes are not a minimal two's complement number");
    }
    if (modulus[0] < 0) {
      throw notPositive();
    }
    return of(publicExponent, null, modulus, limits);
  }

  /** The key of {@code modulus} (null: made when asked for) whose two's complement bytes are {@code magnitude}. */
  private static RsaKeyData of(BigInteger publicExponent, BigInteger modulus, byte[] magnitude, KeyPairLimits limits) {
    int bits = validate(publicExponent, magnitude, 0, magnitude.length, limits);
    // validate() found both positive, so their two's complement bytes are their mpint contents: the
    // modulus's, already made for it, are not made again
    byte[] exponent = publicExponent.toByteArray();
    byte[] blob = new SshWireWriter(4 + KeyType.RSA.sshName().length() + 8 + exponent.length + magnitude.length)
        .writeString(KeyType.RSA.sshName()).writeString(exponent).writeString(magnitude).toByteArray();
    // where the modulus stands in the blob, as for a decoded key: n is not final, so a thread that sees the key
    // without the n set here makes the same value again from the blob
    int modulusOffset = 4 + KeyType.RSA.sshName().length() + 4 + exponent.length + 4;
    return new RsaKeyData(publicExponent, modulus, blob, modulusOffset, magnitude.length, bits);
  }

  /**
   * For the blob decoder, which has checked that {@code blob} is the canonical encoding and that the
   * modulus, a minimal positive mpint, is the {@code modulusLength} bytes at {@code modulusOffset}.
   */
  static RsaKeyData decoded(BigInteger e, byte[] blob, int modulusOffset, int modulusLength, KeyPairLimits limits) {
    int bits = validate(e, blob, modulusOffset, modulusLength, limits);
    return new RsaKeyData(e, null, blob, modulusOffset, modulusLength, bits);
  }

  /**
   * Checks a key whose modulus is the big-endian magnitude {@code mag[off, off + len)} (leading zero
   * bytes allowed) and returns the modulus's length in bits.
   */
  private static int validate(BigInteger e, byte[] mag, int off, int len, KeyPairLimits limits) {
    while (len > 0 && mag[off] == 0) {
      off++;
      len--;
    }
    if (len == 0) {
      throw notPositive();
    }
    int bits = (len - 1) * 8 + 32 - Integer.numberOfLeadingZeros(mag[off] & 0xff);
    checkSize(bits, limits);
    if ((mag[off + len - 1] & 1) == 0) {
      throw new KeyPairException(ErrorCode.INVALID_VALUE, "RSA modulus is even");
    }
    if (!e.testBit(0) || e.compareTo(BigInteger.ONE) <= 0) {
      throw new KeyPairException(ErrorCode.INVALID_VALUE, "RSA public exponent must be odd and greater than 1");
    }
    if (e.bitLength() > bits || e.bitLength() == bits && e.compareTo(new BigInteger(1, mag, off, len)) >= 0) {
      throw new KeyPairException(ErrorCode.INVALID_VALUE, "RSA public exponent is not less than the modulus");
    }
    if (SmallPrimes.divides(mag, off, len)) {
      throw new KeyPairException(ErrorCode.WEAK_KEY, "RSA modulus has a prime factor below 256");
    }
    return bits;
  }

  /** Refuses a modulus of {@code bits} bits outside {@code limits}' RSA sizes. */
  static void checkSize(int bits, KeyPairLimits limits) {
    if (bits > limits.rsaMaxBits()) {
      throw new KeyPairException(ErrorCode.KEY_TOO_LARGE,
          "RSA modulus has " + bits + " bits, over the limit of " + limits.rsaMaxBits());
    }
    if (bits < limits.rsaMinBits()) {
      throw new KeyPairException(ErrorCode.WEAK_KEY,
          "RSA modulus has " + bits + " bits, under the minimum of " + limits.rsaMinBits());
    }
  }

  private static KeyPairException notPositive() {
    return new KeyPairException(ErrorCode.INVALID_VALUE, "RSA modulus is not positive");
  }

  public BigInteger publicExponent() {
    return e;
  }

  public BigInteger modulus() {
    BigInteger m = n;
    if (m == null) {
      m = new BigInteger(1, blob, modulusOffset, modulusLength);
      n = m; // a race makes the same value twice (every key knows where its modulus is in its blob)
    }
    return m;
  }

  /**
   * Whether {@code x} is the modulus; without making the modulus if it has not been made (compared with its
   * bytes in the blob).
   */
  boolean modulusIs(BigInteger x) {
    BigInteger m = n;
    if (m != null) {
      return m.equals(x);
    }
    if (x.signum() <= 0 || x.bitLength() != bits) {
      return false;
    }
    byte[] b = x.toByteArray();
    int skip = b.length - (bits + 7) / 8; // x's sign byte, if it has one
    int off = modulusOffset + modulusLength - (bits + 7) / 8; // the blob's leading zeros, if any
    return Arrays.equals(b, skip, b.length, blob, off, modulusOffset + modulusLength);
  }

  @Override
  public KeyType type() {
    return KeyType.RSA;
  }

  @Override
  public String algorithmName() {
    return KeyType.RSA.sshName();
  }

  @Override
  public int bits() {
    return bits;
  }

  @Override
  public String label() {
    return KeyType.RSA.label();
  }

  @Override
  public PublicKey toJcaPublicKey() {
    return JcaKeys.toJcaPublic("RSA", new RSAPublicKeySpec(modulus(), e), "an RSA public key");
  }
}
