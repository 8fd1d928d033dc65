package dev.keypair.formats;

import dev.keypair.core.DsaKeyData;
import dev.keypair.core.DsaPrivateKeyData;
import dev.keypair.core.EcCurve;
import dev.keypair.core.EcdsaKeyData;
import dev.keypair.core.EcdsaPrivateKeyData;
import dev.keypair.core.Ed25519KeyData;
import dev.keypair.core.Ed25519PrivateKeyData;
import dev.keypair.core.ErrorCode;
import dev.keypair.core.InsecureSecretAccess;
import dev.keypair.core.KeyData;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.PrivateKeyData;
import dev.keypair.core.RsaKeyData;
import dev.keypair.core.RsaPrivateKeyData;
import dev.keypair.core.internal.Wipe;
import dev.keypair.formats.internal.Der;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The PKCS#8 private key (<a href="https://www.rfc-editor.org/rfc/rfc5208#section-5">RFC 5208 section 5</a>,
 * version 2 of <a href="https://www.rfc-editor.org/rfc/rfc5958#section-2">RFC 5958 section 2</a>), inside
 * {@code -----BEGIN PRIVATE KEY-----} and, encrypted, inside {@code ENCRYPTED PRIVATE KEY}:
 * <pre>
 * OneAsymmetricKey ::= SEQUENCE {
 *   version                   INTEGER,                    -- 0 (v1, PrivateKeyInfo) or 1 (v2)
 *   privateKeyAlgorithm       AlgorithmIdentifier,
 *   privateKey                OCTET STRING,               -- the key, DER as below
 *   attributes            [0] IMPLICIT SET OF Attribute OPTIONAL,   -- skipped
 *   publicKey             [1] IMPLICIT BIT STRING OPTIONAL }        -- v2 only; checked against the private key
 * </pre>
 * The algorithms, their parameters, and what the OCTET STRING holds:
 * <pre>
 * RSA      rsaEncryption  1.2.840.113549.1.1.1  NULL (or absent)  RSAPrivateKey (RFC 8017 A.1.2, see Pkcs1)
 * ECDSA    id-ecPublicKey 1.2.840.10045.2.1     namedCurve OID    ECPrivateKey (RFC 5915, see Sec1), its [0] absent or the same curve
 * Ed25519  id-Ed25519     1.3.101.112           absent            CurvePrivateKey ::= OCTET STRING, the 32-byte seed (RFC 8410 7)
 * DSA      id-dsa         1.2.840.10040.4.1     Dss-Parms         INTEGER x (read only)
 * </pre>
 * The {@code [1]} public key holds what a SubjectPublicKeyInfo's BIT STRING would: it must be the one
 * the private key gives ({@link ErrorCode#KEY_MISMATCH}). Written as {@code openssl pkcs8 -topk8
 * -nocrypt} writes it: version 0, no attributes, no public key.
 */
final class Pkcs8 {

  static final String STRUCTURE = "PrivateKeyInfo";
  private static final int ATTRIBUTES = Der.contextConstructed(0);
  private static final int PUBLIC_KEY = Der.contextPrimitive(1);

  private Pkcs8() {}

  /** Decodes a DER PrivateKeyInfo or OneAsymmetricKey; bytes after it are an error. */
  static PrivateKeyData decode(byte[] der, KeyPairLimits limits) {
    return Der.decode(der, limits, STRUCTURE, r -> read(r, limits));
  }

  private static PrivateKeyData read(Der.Reader r, KeyPairLimits limits) {
    Der.Reader seq = r.sequence("PrivateKeyInfo");
    int version = seq.smallInteger("PrivateKeyInfo.version", 1);
    Der.Reader alg = seq.sequence("privateKeyAlgorithm");
    String oid = alg.oid("privateKeyAlgorithm.algorithm");
    PrivateKeyData key = null;
    byte[] seed = null;
    try {
      switch (oid) {
        case SubjectPublicKeyInfo.RSA_ENCRYPTION: {
          if (alg.hasMore()) {
            alg.nul("privateKeyAlgorithm.parameters");
          }
          alg.end();
          Der.Reader inner = seq.octetStringContent("privateKey");
          key = Pkcs1.readRsaPrivateKey(inner, limits);
          inner.end();
          break;
        }
        case SubjectPublicKeyInfo.EC_PUBLIC_KEY: {
          EcCurve curve = SubjectPublicKeyInfo.namedCurve(alg, STRUCTURE, "privateKeyAlgorithm.parameters");
          alg.end();
          Der.Reader inner = seq.octetStringContent("privateKey");
          key = Sec1.read(inner, curve, STRUCTURE);
          inner.end();
          break;
        }
        case SubjectPublicKeyInfo.ED25519: {
          if (alg.hasMore()) {
            throw alg.error("privateKeyAlgorithm.parameters", alg.offset(), "is present, but RFC 8410 says it must "
                + "be absent for Ed25519");
          }
          Der.Reader inner = seq.octetStringContent("privateKey");
          seed = inner.octetString("CurvePrivateKey");
          inner.end();
          break;
        }
        case SubjectPublicKeyInfo.DSA: {
          SubjectPublicKeyInfo.DssParms params = SubjectPublicKeyInfo.dssParms(alg, STRUCTURE,
              "privateKeyAlgorithm.parameters");
          Der.Reader inner = seq.octetStringContent("privateKey");
          BigInteger x = inner.positiveInteger("DSAPrivateKey");
          inner.end();
          key = dsaFromPrivate(params, x, limits);
          break;
        }
        default:
          throw SubjectPublicKeyInfo.unsupportedAlgorithm(STRUCTURE, oid);
      }
      if (seq.peekTag() == ATTRIBUTES) {
        seq.skip("attributes");
      }
      byte[] publicKey = null;
      if (seq.peekTag() == PUBLIC_KEY) {
        int at = seq.offset();
        if (version == 0) {
          throw seq.error("publicKey", at, "is present in a version 0 PrivateKeyInfo; only version 1 "
              + "(RFC 5958 OneAsymmetricKey) has it");
        }
        publicKey = bitStringContent(seq.primitive(PUBLIC_KEY, "publicKey"), seq, at);
      }
      seq.end();
      if (seed != null) {
        return publicKey == null
            ? Ed25519PrivateKeyData.fromSeed(seed)
            : Ed25519PrivateKeyData.of(Ed25519KeyData.of(publicKey), seed);
      }
      if (publicKey != null) {
        checkPublicKey(key.publicKey(), publicKey);
      }
      return key;
    } finally {
      Wipe.wipe("pkcs8-ed25519-seed", seed);
    }
  }

  /** The bits of a {@code [1] IMPLICIT BIT STRING}: no unused bits, as every key has. */
  private static byte[] bitStringContent(byte[] content, Der.Reader seq, int at) {
    if (content.length == 0) {
      throw seq.error("publicKey", at, "is a BIT STRING without its unused-bits octet");
    }
    if (content[0] != 0) {
      throw seq.error("publicKey", at, "is a BIT STRING with " + (content[0] & 0xff) + " unused bits; a key has none");
    }
    return Arrays.copyOfRange(content, 1, content.length);
  }

  /** Fails with {@link ErrorCode#KEY_MISMATCH} unless {@code bits} is the SubjectPublicKeyInfo content of {@code key}. */
  private static void checkPublicKey(KeyData key, byte[] bits) {
    byte[] expected;
    if (key instanceof RsaKeyData rsa) {
      expected = Pkcs1.encodeRsaPublicKey(rsa);
    } else if (key instanceof EcdsaKeyData ec) {
      EcdsaKeyData.of(ec.curve(), bits); // a point off the curve is INVALID_VALUE, as in a SubjectPublicKeyInfo
      expected = ec.point();
    } else {
      expected = Der.integer(((DsaKeyData) key).y());
    }
    if (!MessageDigest.isEqual(expected, bits)) {
      throw new KeyPairException(ErrorCode.KEY_MISMATCH, STRUCTURE + ": the publicKey is not the public half of "
          + "the private key");
    }
  }

  /**
   * The DSA key of {@code x}. {@link DsaPrivateKeyData#fromPrivate} computes {@code g^x mod p} before it
   * validates the group, so the group and {@code x} are checked first: a hostile {@code p} of a million
   * bits or a huge {@code x} is refused before any exponentiation (HOSTILE 22's rule, applied to DSA).
   */
  private static DsaPrivateKeyData dsaFromPrivate(SubjectPublicKeyInfo.DssParms params, BigInteger x,
      KeyPairLimits limits) {
    BigInteger p = params.p();
    BigInteger q = params.q();
    BigInteger g = params.g();
    DsaKeyData.of(p, q, g, g, limits); // validates p, q and g; g stands in for y, which is not known yet
    if (x.compareTo(q) >= 0) {
      throw new KeyPairException(ErrorCode.INVALID_VALUE, "DSA private key: x is not in (0, q)");
    }
    return DsaPrivateKeyData.fromPrivate(p, q, g, x, limits);
  }

  /**
   * The DER PrivateKeyInfo of {@code key}, byte for byte what {@code openssl pkcs8 -topk8 -nocrypt
   * -outform DER} writes for it.
   *
   * @throws KeyPairException {@link ErrorCode#UNSUPPORTED_ALGORITHM} for DSA, which keypair reads but does not write
   */
  static byte[] encode(PrivateKeyData key) {
    byte[] algorithm;
    byte[] inner;
    if (key instanceof RsaPrivateKeyData rsa) {
      algorithm = Der.sequence(Der.oid(SubjectPublicKeyInfo.RSA_ENCRYPTION), Der.nul());
      inner = Pkcs1.encodeRsaPrivateKey(rsa);
    } else if (key instanceof EcdsaPrivateKeyData ec) {
      algorithm = Der.sequence(Der.oid(SubjectPublicKeyInfo.EC_PUBLIC_KEY), Der.oid(ec.curve().oid()));
      inner = Sec1.encode(ec, false);
    } else if (key instanceof Ed25519PrivateKeyData ed) {
      algorithm = Der.sequence(Der.oid(SubjectPublicKeyInfo.ED25519));
      byte[] seed = ed.seed(InsecureSecretAccess.get());
      try {
        inner = Der.octetString(seed);
      } finally {
        Wipe.wipe("pkcs8-ed25519-seed", seed);
      }
    } else {
      throw new KeyPairException(ErrorCode.UNSUPPORTED_ALGORITHM, key.publicKey().algorithmName()
          + " keys are read but not written by keypair");
    }
    byte[] privateKey = Der.octetString(inner);
    try {
      return Der.sequence(Der.integer(0), algorithm, privateKey);
    } finally {
      Wipe.wipe("pkcs8-private-key", inner);
      Wipe.wipe("pkcs8-private-key", privateKey);
    }
  }
}
