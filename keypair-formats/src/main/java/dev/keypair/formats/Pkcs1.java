package dev.keypair.formats;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyData;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.RsaKeyData;
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
 */
final class Pkcs1 {

  private static final String STRUCTURE = "RSAPublicKey";

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
