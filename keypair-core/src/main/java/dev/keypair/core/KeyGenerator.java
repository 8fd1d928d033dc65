package dev.keypair.core;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Objects;

/**
 * Makes new key pairs with the JDK's generators: RSA (3072 bits by default, like ssh-keygen; any size
 * the limits allow, e = 65537), ECDSA on P-256, P-384 or P-521 (256 by default), Ed25519. DSA is never
 * generated. The randomness is the JDK's strong default unless one is given.
 */
public final class KeyGenerator {

  /** ssh-keygen's default RSA size. */
  public static final int DEFAULT_RSA_BITS = 3072;

  private final SecureRandom random;
  private final KeyPairLimits limits;

  private KeyGenerator(SecureRandom random, KeyPairLimits limits) {
    this.random = random;
    this.limits = limits;
  }

  /** A generator using the JDK's default {@link SecureRandom} and the default limits. */
  public static KeyGenerator create() {
    return new KeyGenerator(null, KeyPairLimits.defaults());
  }

  /** A generator using {@code random} (for reproducible tests, a seeded one) and {@code limits}. */
  public static KeyGenerator create(SecureRandom random, KeyPairLimits limits) {
    return new KeyGenerator(Objects.requireNonNull(random, "random"), Objects.requireNonNull(limits, "limits"));
  }

  /** A key of {@code type} with its default size. */
  public SshPrivateKey generate(KeyType type, Comment comment) {
    return generate(type, type == KeyType.RSA ? DEFAULT_RSA_BITS : type.fixedBits(), comment);
  }

  /**
   * A key of {@code type} and {@code bits}.
   *
   * @throws KeyPairException {@link ErrorCode#UNSUPPORTED_ALGORITHM} for DSA, security keys and
   *     unknown types; {@link ErrorCode#WEAK_KEY} / {@link ErrorCode#KEY_TOO_LARGE} for an RSA size
   *     outside the limits; {@link ErrorCode#INVALID_VALUE} for a size the type does not have
   */
  public SshPrivateKey generate(KeyType type, int bits, Comment comment) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(comment, "comment");
    try {
      KeyPairGenerator g;
      switch (type) {
        case RSA:
          if (bits < limits.rsaMinBits()) {
            throw new KeyPairException(ErrorCode.WEAK_KEY,
                "RSA keys need at least " + limits.rsaMinBits() + " bits, not " + bits);
          }
          if (bits > limits.rsaMaxBits()) {
            throw new KeyPairException(ErrorCode.KEY_TOO_LARGE,
                "RSA keys have at most " + limits.rsaMaxBits() + " bits, not " + bits);
          }
          g = KeyPairGenerator.getInstance("RSA");
          init(g, new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4));
          break;
        case ECDSA_NISTP256:
        case ECDSA_NISTP384:
        case ECDSA_NISTP521:
          checkFixed(type, bits);
          g = KeyPairGenerator.getInstance("EC");
          init(g, new ECGenParameterSpec(curveOf(type).standardName()));
          break;
        case ED25519:
          checkFixed(type, bits);
          g = KeyPairGenerator.getInstance("Ed25519");
          init(g, NamedParameterSpec.ED25519);
          break;
        default:
          throw new KeyPairException(ErrorCode.UNSUPPORTED_ALGORITHM, "keypair does not generate " + type.label() + " keys");
      }
      return SshPrivateKey.of(JcaKeys.privateFromJca(g.generateKeyPair().getPrivate(), null, limits), comment);
    } catch (GeneralSecurityException e) {
      throw new KeyPairException(ErrorCode.INTERNAL, "the JDK cannot generate " + type.label() + " keys", e);
    }
  }

  /** The ECDSA type of a curve size: 256, 384 or 521. */
  public static KeyType ecdsaType(int bits) {
    for (EcCurve c : EcCurve.values()) {
      if (c.bits() == bits) {
        return c.keyType();
      }
    }
    throw new KeyPairException(ErrorCode.INVALID_VALUE, "ECDSA keys have 256, 384 or 521 bits, not " + bits);
  }

  private void init(KeyPairGenerator g, java.security.spec.AlgorithmParameterSpec spec)
      throws GeneralSecurityException {
    if (random == null) {
      g.initialize(spec);
    } else {
      g.initialize(spec, random);
    }
  }

  private static void checkFixed(KeyType type, int bits) {
    if (bits != type.fixedBits()) {
      throw new KeyPairException(ErrorCode.INVALID_VALUE, type.label() + " keys have " + type.fixedBits()
          + " bits, not " + bits);
    }
  }

  private static EcCurve curveOf(KeyType type) {
    for (EcCurve c : EcCurve.values()) {
      if (c.keyType() == type) {
        return c;
      }
    }
    throw new IllegalStateException(type.toString());
  }
}
