package dev.keypair.formats;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.InsecureSecretAccess;
import dev.keypair.core.KeyData;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.RsaKeyData;
import dev.keypair.core.RsaPrivateKeyData;
import dev.keypair.core.internal.CoreAccess;
import dev.keypair.core.internal.Wipe;
import dev.keypair.formats.internal.Der;
import java.math.BigInteger;

/**
 * The PKCS#1 RSA public key (<a href="https://www.rfc-editor.org/rfc/rfc8017#appendix-A.1.1">RFC 8017
 * appendix A.1.1</a>), inside {@code -----BEGIN RSA PUBLIC KEY-----} and inside an RSA
 * SubjectPublicKeyInfo's BIT STRING:
 * <pre>
 * RSAPublicKey ::= SEQUENCE {
 *   modulus          INTEGER,  -- n
 *   publicExponent   INTEGER } -- e
 * </pre>
 * and the PKCS#1 RSA private key (<a href="https://www.rfc-editor.org/rfc/rfc8017#appendix-A.1.2">RFC 8017
 * appendix A.1.2</a>), inside {@code -----BEGIN RSA PRIVATE KEY-----} and inside a PKCS#8 PrivateKeyInfo:
 * <pre>
 * RSAPrivateKey ::= SEQUENCE {
 *   version           Version,  -- 0 (two-prime); 1 (multi-prime) is refused
 *   modulus           INTEGER,  -- n
 *   publicExponent    INTEGER,  -- e
 *   privateExponent   INTEGER,  -- d
 *   prime1            INTEGER,  -- p
 *   prime2            INTEGER,  -- q
 *   exponent1         INTEGER,  -- d mod (p-1)
 *   exponent2         INTEGER,  -- d mod (q-1)
 *   coefficient       INTEGER,  -- (inverse of q) mod p
 *   otherPrimeInfos   OtherPrimeInfos OPTIONAL }  -- only with version 1
 * </pre>
 */
final class Pkcs1 {

  private static final String STRUCTURE = "RSAPublicKey";
  private static final String PRIVATE_STRUCTURE = "RSAPrivateKey";

  private Pkcs1() {}

  /** Decodes a DER RSAPublicKey; bytes after it are an error. */
  static RsaKeyData decodeRsaPublicKey(byte[] der, KeyPairLimits limits) {
    return Der.decode(der, limits, STRUCTURE, r -> readRsaPublicKey(r, limits));
  }

  /** Reads an RSAPublicKey SEQUENCE from {@code r}. */
  static RsaKeyData readRsaPublicKey(Der.Reader r, KeyPairLimits limits) {
    Der.Reader seq = r.sequence("RSAPublicKey");
    BigInteger n = seq.positiveInteger("RSAPublicKey.modulus");
    BigInteger e = seq.positiveInteger("RSAPublicKey.publicExponent");
    seq.end();
    return RsaKeyData.of(e, n, limits);
  }

  /** Decodes a DER RSAPrivateKey; bytes after it are an error. */
  static RsaPrivateKeyData decodeRsaPrivateKey(byte[] der, KeyPairLimits limits) {
    return Der.decode(der, limits, PRIVATE_STRUCTURE, r -> readRsaPrivateKey(r, limits));
  }

  /**
   * Reads an RSAPrivateKey SEQUENCE from {@code r}. The key is validated by
   * {@link RsaPrivateKeyData#of} (sizes, then {@code p * q = n}, then {@code d} and {@code iqmp}) before
   * the two CRT exponents are checked against it ({@link CoreAccess#hasCrtExponents}: without reducing
   * {@code d} again when its check did not have to).
   */
  static RsaPrivateKeyData readRsaPrivateKey(Der.Reader r, KeyPairLimits limits) {
    Der.Reader seq = r.sequence("RSAPrivateKey");
    int at = seq.offset();
    int version = seq.smallInteger("RSAPrivateKey.version", 1);
    if (version == 1) {
      throw new KeyPairException(ErrorCode.UNSUPPORTED_ALGORITHM, PRIVATE_STRUCTURE + ": version 1 at offset " + at
          + " is a multi-prime key; keypair reads two-prime RSA keys (version 0), as SSH uses");
    }
    byte[] n = seq.positiveIntegerBytes("RSAPrivateKey.modulus"); // the number is made only if asked for
    BigInteger e = seq.positiveInteger("RSAPrivateKey.publicExponent");
    BigInteger d = seq.positiveInteger("RSAPrivateKey.privateExponent");
    BigInteger p = seq.positiveInteger("RSAPrivateKey.prime1");
    BigInteger q = seq.positiveInteger("RSAPrivateKey.prime2");
    byte[] dP = null; // the CRT exponents are checked as bytes, never made numbers
    byte[] dQ = null;
    try {
      dP = seq.positiveIntegerBytes("RSAPrivateKey.exponent1");
      dQ = seq.positiveIntegerBytes("RSAPrivateKey.exponent2");
      BigInteger qInv = seq.positiveInteger("RSAPrivateKey.coefficient");
      seq.end();
      RsaPrivateKeyData key = RsaPrivateKeyData.of(CoreAccess.rsaKey(e, n, limits), d, p, q, qInv, limits);
      if (!CoreAccess.hasCrtExponents(key, dP, dQ)) {
        throw new KeyPairException(ErrorCode.INVALID_VALUE, PRIVATE_STRUCTURE
            + ": exponent1 or exponent2 is not d mod (p - 1) or d mod (q - 1)");
      }
      return key;
    } finally {
      Wipe.wipe("rsa-crt-exponent", dP);
      Wipe.wipe("rsa-crt-exponent", dQ);
    }
  }

  /** The DER RSAPrivateKey of {@code key}: version 0, its values in the order it holds them. */
  static byte[] encodeRsaPrivateKey(RsaPrivateKeyData key) {
    InsecureSecretAccess a = InsecureSecretAccess.get();
    RsaKeyData pub = key.publicKey();
    return Der.sequence(Der.integer(0), Der.integer(pub.modulus()), Der.integer(pub.publicExponent()),
        Der.integer(key.privateExponent(a)), Der.integer(key.primeP(a)), Der.integer(key.primeQ(a)),
        Der.integer(key.primeExponentP(a)), Der.integer(key.primeExponentQ(a)), Der.integer(key.crtCoefficient(a)));
  }

  static byte[] encodeRsaPublicKey(RsaKeyData key) {
    return Der.sequence(Der.integer(key.modulus()), Der.integer(key.publicExponent()));
  }

  /** The DER RSAPublicKey of {@code key}; {@link ErrorCode#UNREPRESENTABLE} unless it is RSA. */
  static byte[] encode(KeyData key) {
    if (key instanceof RsaKeyData rsa) {
      return encodeRsaPublicKey(rsa);
    }
    throw new KeyPairException(ErrorCode.UNREPRESENTABLE,
        "PKCS#1 RSAPublicKey holds RSA keys only, not " + key.algorithmName());
  }
}
