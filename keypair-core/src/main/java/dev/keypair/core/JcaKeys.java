package dev.keypair.core;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.DSAPrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.DSAParams;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.KeySpec;

/** Converts JCA keys into {@link KeyData} and {@link PrivateKeyData}, and key specs into JCA keys. */
final class JcaKeys {

  private JcaKeys() {}

  /**
   * The JCA public key {@code spec} describes. Our keys are validated when made, so a refusal is the JDK's
   * ({@link ErrorCode#INTERNAL}); {@code what} names the key in the message, e.g. {@code "an RSA public key"}.
   */
  static PublicKey toJcaPublic(String algorithm, KeySpec spec, String what) {
    try {
      return KeyFactory.getInstance(algorithm).generatePublic(spec);
    } catch (GeneralSecurityException ex) {
      throw new KeyPairException(ErrorCode.INTERNAL, "the JDK refused " + what, ex);
    }
  }

  /** As {@link #toJcaPublic} for a private key; the message names the key's kind, never its values. */
  static PrivateKey toJcaPrivate(String algorithm, KeySpec spec, String what) {
    try {
      return KeyFactory.getInstance(algorithm).generatePrivate(spec);
    } catch (GeneralSecurityException ex) {
      throw new KeyPairException(ErrorCode.INTERNAL, "the JDK refused " + what, ex);
    }
  }

  static KeyData fromJca(PublicKey key, KeyPairLimits limits) {
    java.util.Objects.requireNonNull(key, "key");
    java.util.Objects.requireNonNull(limits, "limits");
    if (key instanceof RSAPublicKey rsa) {
      return RsaKeyData.of(rsa.getPublicExponent(), rsa.getModulus(), limits);
    }
    if (key instanceof ECPublicKey ec) {
      if (!(ec.getParams().getCurve().getField() instanceof ECFieldFp fp)) {
        throw new KeyPairException(ErrorCode.UNSUPPORTED_ALGORITHM, "EC keys over binary fields are not supported");
      }
      BigInteger p = fp.getP();
      EcCurve curve = EcCurve.fromFieldPrime(p).orElseThrow(() -> new KeyPairException(
          ErrorCode.UNSUPPORTED_ALGORITHM, "EC key on a curve other than NIST P-256, P-384 or P-521"));
      if (!curve.jcaParameterSpec().getOrder().equals(ec.getParams().getOrder())
          || !curve.jcaParameterSpec().getGenerator().equals(ec.getParams().getGenerator())) {
        throw new KeyPairException(ErrorCode.UNSUPPORTED_ALGORITHM, "EC key with non-standard curve parameters");
      }
      return EcdsaKeyData.of(curve, ec.getW().getAffineX(), ec.getW().getAffineY());
    }
    if (key instanceof DSAPublicKey dsa) {
      DSAParams params = dsa.getParams();
      return DsaKeyData.of(params.getP(), params.getQ(), params.getG(), dsa.getY(), limits);
    }
    String alg = key.getAlgorithm();
    if (key instanceof java.security.interfaces.EdECPublicKey ed) {
      if (!"Ed25519".equalsIgnoreCase(ed.getParams().getName())) {
        throw new KeyPairException(ErrorCode.UNSUPPORTED_ALGORITHM, "EdDSA key that is not Ed25519");
      }
      return Ed25519KeyData.of(Ed25519KeyData.encode(ed.getPoint()));
    }
    if ("Ed25519".equalsIgnoreCase(alg)) {
      // another provider's Ed25519 key: its X.509 encoding is a 12-byte RFC 8410 header and the key
      byte[] spki = key.getEncoded();
      if (spki != null && spki.length == 44 && spki[0] == 0x30 && spki[9] == 0x03 && spki[8] == 0x70) {
        return Ed25519KeyData.of(java.util.Arrays.copyOfRange(spki, 12, 44));
      }
      throw new KeyPairException(ErrorCode.UNSUPPORTED_ALGORITHM, "an Ed25519 key whose encoding is not RFC 8410");
    }
    throw new KeyPairException(ErrorCode.UNSUPPORTED_ALGORITHM, "JCA public key of algorithm " + alg);
  }

  /** The private key data of a JCA private key; {@code pub} (may be null) is checked against it. */
  static PrivateKeyData privateFromJca(PrivateKey key, PublicKey pub, KeyPairLimits limits) {
    java.util.Objects.requireNonNull(key, "key");
    PrivateKeyData k;
    if (key instanceof RSAPrivateCrtKey rsa) {
      k = RsaPrivateKeyData.of(rsa.getModulus(), rsa.getPublicExponent(), rsa.getPrivateExponent(),
          rsa.getPrimeP(), rsa.getPrimeQ(), rsa.getCrtCoefficient(), limits);
    } else if (key instanceof ECPrivateKey ec) {
      KeyData curveKey = pub == null ? null : fromJca(pub, limits);
      EcCurve curve = curveKey instanceof EcdsaKeyData e ? e.curve() : curveOf(ec);
      k = EcdsaPrivateKeyData.fromScalar(curve, ec.getS());
    } else if (key instanceof DSAPrivateKey dsa) {
      DSAParams p = dsa.getParams();
      k = DsaPrivateKeyData.fromPrivate(p.getP(), p.getQ(), p.getG(), dsa.getX(), limits);
    } else if (key instanceof EdECPrivateKey ed && ed.getBytes().isPresent()
        && "Ed25519".equalsIgnoreCase(ed.getParams().getName())) {
      byte[] seed = ed.getBytes().get();
      try {
        k = Ed25519PrivateKeyData.fromSeed(seed);
      } finally {
        dev.keypair.core.internal.Wipe.wipe("jca-ed25519-seed", seed);
      }
    } else {
      throw new KeyPairException(ErrorCode.UNSUPPORTED_ALGORITHM,
          "JCA private key of algorithm " + key.getAlgorithm() + " (RSA needs its CRT values)");
    }
    if (pub != null && !fromJca(pub, limits).equals(k.publicKey())) {
      throw new KeyPairException(ErrorCode.KEY_MISMATCH, "the JCA public key is not the private key's");
    }
    return k;
  }

  private static EcCurve curveOf(ECPrivateKey ec) {
    if (!(ec.getParams().getCurve().getField() instanceof ECFieldFp fp)) {
      throw new KeyPairException(ErrorCode.UNSUPPORTED_ALGORITHM, "EC keys over binary fields are not supported");
    }
    return EcCurve.fromFieldPrime(fp.getP()).orElseThrow(() -> new KeyPairException(
        ErrorCode.UNSUPPORTED_ALGORITHM, "EC key on a curve other than NIST P-256, P-384 or P-521"));
  }
}
