package dev.keypair.formats;

import dev.keypair.core.DsaKeyData;
import dev.keypair.core.EcCurve;
import dev.keypair.core.EcdsaKeyData;
import dev.keypair.core.Ed25519KeyData;
import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyData;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.RsaKeyData;
import dev.keypair.formats.internal.Der;
import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;

/**
 * The DER {@code SubjectPublicKeyInfo} of X.509
 * (<a href="https://www.rfc-editor.org/rfc/rfc5280#section-4.1.2.7">RFC 5280 section 4.1.2.7</a>): the
 * public key inside {@code -----BEGIN PUBLIC KEY-----}, what {@code ssh-keygen -e -m PKCS8} and
 * {@code openssl pkey -pubout} write, and the "Base64 encoded DER" AWS imports.
 * <pre>
 * SubjectPublicKeyInfo ::= SEQUENCE {
 *   algorithm         AlgorithmIdentifier,
 *   subjectPublicKey  BIT STRING }
 * AlgorithmIdentifier ::= SEQUENCE {
 *   algorithm         OBJECT IDENTIFIER,
 *   parameters        ANY DEFINED BY algorithm OPTIONAL }
 * </pre>
 * The algorithms read and written, each with its parameters and what the BIT STRING holds:
 * <pre>
 * RSA      rsaEncryption  1.2.840.113549.1.1.1   NULL                    RSAPublicKey (RFC 3279 2.3.1, RFC 8017 A.1.1)
 *          RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
 * ECDSA    id-ecPublicKey 1.2.840.10045.2.1      namedCurve OID          ECPoint, uncompressed (RFC 5480 2.1.1, 2.2)
 *          P-256 1.2.840.10045.3.1.7, P-384 1.3.132.0.34, P-521 1.3.132.0.35
 * Ed25519  id-Ed25519     1.3.101.112            absent                  the 32-byte key (RFC 8410 3, 4)
 * DSA      id-dsa         1.2.840.10040.4.1      Dss-Parms               DSAPublicKey (RFC 3279 2.3.2)
 *          Dss-Parms ::= SEQUENCE { p INTEGER, q INTEGER, g INTEGER }
 *          DSAPublicKey ::= INTEGER -- y
 * </pre>
 *
 * <p>Reading is strict DER (see {@link Der}): definite minimal lengths, minimal INTEGERs, no trailing
 * bytes anywhere ({@link ErrorCode#FORMAT}). Policies:
 * <ul>
 *   <li>RSA parameters may be NULL or absent (some old encoders omit them); written always as NULL;
 *   <li>EC parameters must be a named curve: explicit ({@code specifiedCurve}) or inherited
 *       ({@code implicitCurve}, NULL) parameters and any curve other than P-256/384/521 are
 *       {@link ErrorCode#UNSUPPORTED_ALGORITHM}, refused from the tag or the OID before anything in
 *       them is read (CVE-2024-29857); the point must be uncompressed and on the curve
 *       ({@link ErrorCode#INVALID_VALUE}, see {@link EcdsaKeyData});
 *   <li>Ed25519 parameters must be absent, as RFC 8410 says ({@code FORMAT}); X25519, X448, Ed448,
 *       RSASSA-PSS and every other algorithm are {@code UNSUPPORTED_ALGORITHM};
 *   <li>DSA without parameters (inherited from a certificate issuer, RFC 3279 2.3.2) is
 *       {@code UNSUPPORTED_ALGORITHM}: a key alone cannot be used without them;
 *   <li>key values go through the validating factories of keypair-core with the given limits (RSA and
 *       DSA sizes, odd modulus, exponent range; see {@link RsaKeyData}, {@link DsaKeyData}).
 * </ul>
 * Writing gives the one DER encoding of a key, byte for byte what openssl and ssh-keygen write.
 */
public final class SubjectPublicKeyInfo {

  static final String RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
  static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";
  static final String ED25519 = "1.3.101.112";
  static final String DSA = "1.2.840.10040.4.1";

  private static final String STRUCTURE = "SubjectPublicKeyInfo";

  /** Names of algorithms people meet that keypair does not support, for the error message. */
  private static final Map<String, String> UNSUPPORTED_NAMES = Map.of(
      "1.3.101.110", "X25519",
      "1.3.101.111", "X448",
      "1.3.101.113", "Ed448",
      "1.2.840.113549.1.1.10", "RSASSA-PSS",
      "1.2.840.113549.1.1.7", "RSAES-OAEP",
      "1.2.840.10046.2.1", "Diffie-Hellman",
      "1.3.132.1.12", "ECDH (id-ecDH)",
      "1.3.132.1.13", "ECMQV (id-ecMQV)");

  /** Names of curves people meet that SSH does not use, for the error message. */
  private static final Map<String, String> UNSUPPORTED_CURVES = Map.of(
      "1.3.132.0.10", "secp256k1",
      "1.3.132.0.33", "P-224",
      "1.2.840.10045.3.1.1", "P-192",
      "1.3.36.3.3.2.8.1.1.7", "brainpoolP256r1",
      "1.3.36.3.3.2.8.1.1.11", "brainpoolP384r1",
      "1.3.36.3.3.2.8.1.1.13", "brainpoolP512r1",
      "1.2.156.10197.1.301", "SM2");

  private SubjectPublicKeyInfo() {}

  /** Decodes a DER SubjectPublicKeyInfo with the default {@link KeyPairLimits}. */
  public static KeyData decode(byte[] der) {
    return decode(der, KeyPairLimits.defaults());
  }

  /**
   * Decodes a DER SubjectPublicKeyInfo; bytes after it are an error.
   *
   * @throws KeyPairException {@link ErrorCode#FORMAT} for bad DER or structure,
   *     {@link ErrorCode#UNSUPPORTED_ALGORITHM} for an algorithm or curve keypair does not read,
   *     {@link ErrorCode#INVALID_VALUE} (and the other key codes) for a bad key,
   *     {@link ErrorCode#INPUT_TOO_LARGE} past {@link KeyPairLimits#maxInputBytes()},
   *     {@link ErrorCode#RESOURCE_LIMIT} past {@link KeyPairLimits#maxAsn1Depth()}
   */
  public static KeyData decode(byte[] der, KeyPairLimits limits) {
    Objects.requireNonNull(der, "der");
    Objects.requireNonNull(limits, "limits");
    return Der.decode(der, limits, STRUCTURE, r -> {
      Der.Reader spki = r.sequence("SubjectPublicKeyInfo");
      KeyData key = read(spki, limits);
      spki.end();
      return key;
    });
  }

  /** Reads the content of a SubjectPublicKeyInfo SEQUENCE: the algorithm and the key. */
  static KeyData read(Der.Reader spki, KeyPairLimits limits) {
    Der.Reader alg = spki.sequence("algorithm");
    String oid = alg.oid("algorithm.algorithm");
    switch (oid) {
      case RSA_ENCRYPTION: {
        if (alg.hasMore()) {
          alg.nul("algorithm.parameters");
        }
        alg.end();
        Der.Reader bits = spki.bitStringContent("subjectPublicKey");
        RsaKeyData key = Pkcs1.readRsaPublicKey(bits, limits);
        bits.end();
        return key;
      }
      case EC_PUBLIC_KEY: {
        EcCurve curve = namedCurve(alg);
        alg.end();
        return EcdsaKeyData.of(curve, spki.bitString("subjectPublicKey"));
      }
      case ED25519:
        if (alg.hasMore()) {
          throw alg.error("algorithm.parameters", alg.offset(), "is present, but RFC 8410 says it must be absent "
              + "for Ed25519");
        }
        return Ed25519KeyData.of(spki.bitString("subjectPublicKey"));
      case DSA:
        return readDsa(spki, alg, limits);
      default:
        throw unsupportedAlgorithm(STRUCTURE, oid);
    }
  }

  /** {@link ErrorCode#UNSUPPORTED_ALGORITHM} for a key algorithm OID, named where people meet it (X25519...). */
  static KeyPairException unsupportedAlgorithm(String structure, String oid) {
    String name = UNSUPPORTED_NAMES.get(oid);
    return new KeyPairException(ErrorCode.UNSUPPORTED_ALGORITHM, structure + ": algorithm "
        + (name != null ? name + " (" + oid + ")" : Der.oidForMessage(oid))
        + " is not supported; keypair reads RSA, ECDSA on P-256/P-384/P-521, Ed25519 and DSA keys");
  }

  /**
   * The ECParameters of RFC 5480 section 2.1.1; only a named curve SSH uses is accepted:
   * <pre>
   * ECParameters ::= CHOICE {
   *   namedCurve      OBJECT IDENTIFIER,
   *   implicitCurve   NULL,               -- refused
   *   specifiedCurve  SpecifiedECDomain } -- refused, without reading it
   * </pre>
   */
  static EcCurve namedCurve(Der.Reader alg) {
    return namedCurve(alg, STRUCTURE, "algorithm.parameters");
  }

  /**
   * Reads ECParameters, as {@link #namedCurve(Der.Reader)}, in {@code structure} (for messages): also the
   * {@code [0] parameters} of a SEC1 ECPrivateKey (RFC 5915) and of a PKCS#8 AlgorithmIdentifier.
   */
  static EcCurve namedCurve(Der.Reader r, String structure, String field) {
    int at = r.offset();
    int tag = r.peekTag();
    if (tag == Der.SEQUENCE) {
      throw new KeyPairException(ErrorCode.UNSUPPORTED_ALGORITHM, structure + ": EC parameters at offset " + at
          + " are explicit (specifiedCurve); only named curves (P-256, P-384, P-521) are supported");
    }
    if (tag == Der.NULL) {
      throw new KeyPairException(ErrorCode.UNSUPPORTED_ALGORITHM, structure + ": EC parameters at offset " + at
          + " are implicitCurve (NULL); only named curves (P-256, P-384, P-521) are supported");
    }
    if (tag < 0) {
      throw r.error(field, at, "is missing; RFC 5480 requires the curve for id-ecPublicKey");
    }
    String curveOid = r.oid(field);
    return EcCurve.fromOid(curveOid).orElseThrow(() -> {
      String name = UNSUPPORTED_CURVES.get(curveOid);
      return new KeyPairException(ErrorCode.UNSUPPORTED_ALGORITHM, structure + ": EC curve "
          + (name != null ? name + " (" + curveOid + ")" : Der.oidForMessage(curveOid))
          + " is not supported; SSH uses P-256, P-384 and P-521");
    });
  }

  private static DsaKeyData readDsa(Der.Reader spki, Der.Reader alg, KeyPairLimits limits) {
    DssParms params = dssParms(alg, STRUCTURE, "algorithm.parameters");
    Der.Reader bits = spki.bitStringContent("subjectPublicKey");
    BigInteger y = bits.positiveInteger("DSAPublicKey");
    bits.end();
    return DsaKeyData.of(params.p(), params.q(), params.g(), y, limits);
  }

  /** The DSA domain parameters of RFC 3279 section 2.3.2. */
  record DssParms(BigInteger p, BigInteger q, BigInteger g) {}

  /**
   * Reads the rest of a DSA AlgorithmIdentifier, here or in a PKCS#8 PrivateKeyInfo: the Dss-Parms, which
   * must be present ({@link ErrorCode#UNSUPPORTED_ALGORITHM} if inherited), and the end of {@code alg}.
   */
  static DssParms dssParms(Der.Reader alg, String structure, String field) {
    if (!alg.hasMore()) {
      throw new KeyPairException(ErrorCode.UNSUPPORTED_ALGORITHM, structure + ": DSA key at offset " + alg.offset()
          + " has no Dss-Parms (they would be inherited from a certificate issuer); a key alone needs them");
    }
    Der.Reader params = alg.sequence(field);
    BigInteger p = params.positiveInteger("Dss-Parms.p");
    BigInteger q = params.positiveInteger("Dss-Parms.q");
    BigInteger g = params.positiveInteger("Dss-Parms.g");
    params.end();
    alg.end();
    return new DssParms(p, q, g);
  }

  /**
   * The DER SubjectPublicKeyInfo of {@code key}.
   *
   * @throws KeyPairException {@link ErrorCode#UNREPRESENTABLE} for keys X.509 has no encoding for:
   *     security keys, certificates (encode {@link KeyData#plainKey()} for the certified key) and
   *     opaque keys
   */
  public static byte[] encode(KeyData key) {
    Objects.requireNonNull(key, "key");
    if (key instanceof RsaKeyData rsa) {
      return Der.sequence(Der.sequence(Der.oid(RSA_ENCRYPTION), Der.nul()),
          Der.bitString(Pkcs1.encodeRsaPublicKey(rsa)));
    }
    if (key instanceof EcdsaKeyData ec) {
      return Der.sequence(Der.sequence(Der.oid(EC_PUBLIC_KEY), Der.oid(ec.curve().oid())),
          Der.bitString(ec.point()));
    }
    if (key instanceof Ed25519KeyData ed) {
      return Der.sequence(Der.sequence(Der.oid(ED25519)), Der.bitString(ed.keyBytes()));
    }
    if (key instanceof DsaKeyData dsa) {
      return Der.sequence(
          Der.sequence(Der.oid(DSA), Der.sequence(Der.integer(dsa.p()), Der.integer(dsa.q()), Der.integer(dsa.g()))),
          Der.bitString(Der.integer(dsa.y())));
    }
    throw new KeyPairException(ErrorCode.UNREPRESENTABLE, key.algorithmName() + " keys have no "
        + "SubjectPublicKeyInfo encoding" + (key.isCertificate() ? " (a certificate: encode its plain key)" : ""));
  }
}
