package dev.keypair.formats;

import dev.keypair.core.EcCurve;
import dev.keypair.core.EcdsaKeyData;
import dev.keypair.core.EcdsaPrivateKeyData;
import dev.keypair.core.ErrorCode;
import dev.keypair.core.InsecureSecretAccess;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.internal.Wipe;
import dev.keypair.formats.internal.Der;
import java.math.BigInteger;

/**
 * The SEC1 EC private key (<a href="https://www.rfc-editor.org/rfc/rfc5915#section-3">RFC 5915 section 3</a>),
 * inside {@code -----BEGIN EC PRIVATE KEY-----} and inside a PKCS#8 PrivateKeyInfo:
 * <pre>
 * ECPrivateKey ::= SEQUENCE {
 *   version        INTEGER { ecPrivkeyVer1(1) },
 *   privateKey     OCTET STRING,                  -- d, big-endian, exactly ceiling(log2(n) / 8) octets
 *   parameters [0] ECParameters OPTIONAL,         -- the namedCurve OID
 *   publicKey  [1] BIT STRING OPTIONAL }          -- the uncompressed point d * G
 * </pre>
 * Policies: the curve must be named (explicit and implicit parameters are
 * {@link ErrorCode#UNSUPPORTED_ALGORITHM}, refused before they are read, HOSTILE 24); a standalone key
 * must name it (RFC 5915 says parameters MUST be present), inside PKCS#8 it may be absent and must
 * otherwise be the curve of the AlgorithmIdentifier ({@link ErrorCode#TYPE_MISMATCH}); a private key of
 * another length is {@link ErrorCode#FORMAT}; the public key, if present, must be on the curve and be
 * {@code d * G} ({@link ErrorCode#KEY_MISMATCH}), and is derived if absent.
 *
 * <p>Written as OpenSSL writes it: with {@code [0]} and {@code [1]} standalone ({@code openssl ec}), with
 * {@code [1]} only inside PKCS#8 ({@code openssl pkcs8 -topk8}).
 */
final class Sec1 {

  private static final String STRUCTURE = "ECPrivateKey";
  private static final int PARAMETERS = Der.contextConstructed(0);
  private static final int PUBLIC_KEY = Der.contextConstructed(1);

  private Sec1() {}

  /** Decodes a standalone DER ECPrivateKey, which must name its curve; bytes after it are an error. */
  static EcdsaPrivateKeyData decode(byte[] der, KeyPairLimits limits) {
    return Der.decode(der, limits, STRUCTURE, r -> read(r, null, STRUCTURE));
  }

  /**
   * Reads an ECPrivateKey SEQUENCE from {@code r}.
   *
   * @param outerCurve the curve named by an enclosing PKCS#8 AlgorithmIdentifier, or null if standalone
   * @param structure  the outermost structure, for messages
   */
  static EcdsaPrivateKeyData read(Der.Reader r, EcCurve outerCurve, String structure) {
    Der.Reader seq = r.sequence("ECPrivateKey");
    int versionAt = seq.offset();
    if (seq.smallInteger("ECPrivateKey.version", 1) != 1) {
      throw seq.error("ECPrivateKey.version", versionAt, "is 0; RFC 5915 defines only version 1 (ecPrivkeyVer1)");
    }
    int privateAt = seq.offset();
    byte[] privateKey = seq.octetString("ECPrivateKey.privateKey");
    try {
      EcCurve curve = outerCurve;
      if (seq.peekTag() == PARAMETERS) {
        Der.Reader params = seq.constructed(PARAMETERS, "ECPrivateKey.parameters");
        EcCurve inner = SubjectPublicKeyInfo.namedCurve(params, structure, "ECPrivateKey.parameters");
        params.end();
        if (outerCurve != null && inner != outerCurve) {
          throw new KeyPairException(ErrorCode.TYPE_MISMATCH, structure + ": the ECPrivateKey names curve "
              + inner.sshName() + " but its AlgorithmIdentifier names " + outerCurve.sshName());
        }
        curve = inner;
      }
      if (curve == null) {
        throw seq.error("ECPrivateKey.parameters", seq.offset(), "is missing; an EC PRIVATE KEY must name its "
            + "curve (RFC 5915 section 3)");
      }
      // RFC 5915 says ceiling(log2(n)/8) bytes, but OpenSSL before 1.1 dropped leading zero bytes (about 1
      // key in 256), and OpenSSL and ssh-keygen read those: so does keypair; longer is refused, and writing pads
      int length = privateKeyLength(curve);
      if (privateKey.length == 0 || privateKey.length > length) {
        throw seq.error("ECPrivateKey.privateKey", privateAt, "is " + privateKey.length + " bytes; a "
            + curve.sshName() + " private key is " + length);
      }
      byte[] point = null;
      if (seq.peekTag() == PUBLIC_KEY) {
        Der.Reader pk = seq.constructed(PUBLIC_KEY, "ECPrivateKey.publicKey");
        point = pk.bitString("ECPrivateKey.publicKey");
        pk.end();
      }
      seq.end();
      BigInteger d = new BigInteger(1, privateKey);
      return point == null
          ? EcdsaPrivateKeyData.fromScalar(curve, d)
          : EcdsaPrivateKeyData.of(EcdsaKeyData.of(curve, point), d);
    } finally {
      Wipe.wipe("sec1-private-key", privateKey);
    }
  }

  /** {@code ceiling(log2(n) / 8)}: 32, 48 and 66 bytes. */
  private static int privateKeyLength(EcCurve curve) {
    return (curve.order().bitLength() + 7) / 8;
  }

  /**
   * The DER ECPrivateKey of {@code key}, with the {@code [0]} curve if {@code withParameters} and always
   * with the {@code [1]} public key.
   */
  static byte[] encode(EcdsaPrivateKeyData key, boolean withParameters) {
    EcCurve curve = key.curve();
    byte[] d = unsigned(key.privateScalar(InsecureSecretAccess.get()), privateKeyLength(curve));
    byte[] octets = Der.octetString(d);
    try {
      byte[] publicKey = Der.constructed(PUBLIC_KEY, Der.bitString(key.publicKey().point()));
      return withParameters
          ? Der.sequence(Der.integer(1), octets, Der.constructed(PARAMETERS, Der.oid(curve.oid())), publicKey)
          : Der.sequence(Der.integer(1), octets, publicKey);
    } finally {
      Wipe.wipe("sec1-private-key", d);
      Wipe.wipe("sec1-private-key", octets);
    }
  }

  /** {@code v} as exactly {@code length} big-endian bytes ({@code v} fits). */
  private static byte[] unsigned(BigInteger v, int length) {
    byte[] b = v.toByteArray();
    try {
      byte[] out = new byte[length];
      int n = Math.min(b.length, length);
      System.arraycopy(b, b.length - n, out, length - n, n);
      return out;
    } finally {
      Wipe.wipe("sec1-private-key", b);
    }
  }
}
