package dev.keypair.core;

import java.security.PublicKey;

/**
 * The public half of an SSH key, without a comment: the algorithm's values and their RFC 4251
 * encoding, the <em>public key blob</em>, which is the key's identity. Fingerprints hash the blob and
 * every format embeds it; two {@code KeyData} are equal exactly when their blobs are.
 *
 * <p>The blob of each algorithm, as {@code string}s and {@code mpint}s of RFC 4251 section 5:
 * <pre>
 * ssh-rsa                 string "ssh-rsa", mpint e, mpint n                            (RFC 4253 6.6)
 * ssh-dss                 string "ssh-dss", mpint p, mpint q, mpint g, mpint y          (RFC 4253 6.6)
 * ecdsa-sha2-nistp256     string "ecdsa-sha2-nistp256", string "nistp256", string Q     (RFC 5656 3.1)
 * ssh-ed25519             string "ssh-ed25519", string key (32 bytes)                   (RFC 8709 4)
 * sk-ssh-ed25519@openssh.com  ... string key, string application                        (PROTOCOL.u2f)
 * *-cert-v01@openssh.com  string name, string nonce, key fields, uint64 serial, ...     (PROTOCOL.certkeys)
 * </pre>
 *
 * <p>Implementations validate their values when they are made (see each class), so a {@code KeyData}
 * in hand is always a usable key. The permitted set may grow in later versions as SSH grows new
 * algorithms; a {@code switch} over it should have a {@code default} branch. Keys of algorithms
 * keypair does not know are {@link OpaqueKeyData}, kept byte for byte.
 */
public sealed interface KeyData
    permits RsaKeyData, DsaKeyData, EcdsaKeyData, Ed25519KeyData, SkEcdsaKeyData, SkEd25519KeyData,
        SshCertificate, OpaqueKeyData {

  /** The algorithm; for a certificate, the algorithm of the certified key. */
  KeyType type();

  /** The name at the start of the blob, such as {@code ssh-ed25519} or {@code ssh-rsa-cert-v01@openssh.com}. */
  String algorithmName();

  /**
   * The size {@code ssh-keygen -l} prints: the RSA modulus or DSA prime length, the curve size, 256
   * for Ed25519; 0 for an opaque key.
   */
  int bits();

  /** The RFC 4251 public key blob. */
  Bytes blob();

  /** The type label {@code ssh-keygen -l} prints in parentheses: {@code RSA}, {@code ED25519-CERT}... */
  default String label() {
    return type().label();
  }

  /** Whether this is an OpenSSH certificate. */
  default boolean isCertificate() {
    return false;
  }

  /** The certified key of a certificate; the key itself otherwise. */
  default KeyData plainKey() {
    return this;
  }

  /**
   * This key as a JCA {@link PublicKey} (RSA, DSA, EC or Ed25519 from the JDK's providers).
   *
   * @throws KeyPairException {@link ErrorCode#UNSUPPORTED_ALGORITHM} for security keys,
   *     certificates and opaque keys, which JCA has no type for
   */
  default PublicKey toJcaPublicKey() {
    throw new KeyPairException(ErrorCode.UNSUPPORTED_ALGORITHM,
        algorithmName() + " keys have no JCA representation");
  }

  /** Decodes a public key blob with the default {@link KeyPairLimits}. */
  static KeyData fromBlob(byte[] blob) {
    return KeyBlobs.decode(blob, 0, blob.length, KeyPairLimits.defaults());
  }

  /** Decodes a public key blob. Trailing bytes after the key are an error. */
  static KeyData fromBlob(byte[] blob, KeyPairLimits limits) {
    return KeyBlobs.decode(blob, 0, blob.length, limits);
  }

  /** Decodes {@code length} bytes of {@code buf} from {@code offset} as a public key blob. */
  static KeyData fromBlob(byte[] buf, int offset, int length, KeyPairLimits limits) {
    return KeyBlobs.decode(buf, offset, length, limits);
  }

  /** Decodes a public key blob. */
  static KeyData fromBlob(Bytes blob, KeyPairLimits limits) {
    byte[] b = blob.array();
    return KeyBlobs.decode(b, 0, b.length, limits);
  }

  /** The key of a JCA public key (RSA, DSA, EC on a NIST prime curve, Ed25519), validated with the default limits. */
  static KeyData fromJca(PublicKey key) {
    return JcaKeys.fromJca(key, KeyPairLimits.defaults());
  }

  /** The key of a JCA public key, validated with {@code limits}. */
  static KeyData fromJca(PublicKey key, KeyPairLimits limits) {
    return JcaKeys.fromJca(key, limits);
  }
}
