package dev.keypair.core;

import dev.keypair.core.internal.SshWireReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Decodes RFC 4251 public key blobs into {@link KeyData}. */
final class KeyBlobs {

  /** Longest algorithm or curve name accepted. */
  static final int MAX_NAME = 256;
  private static final String STRUCTURE = "public key blob";

  private KeyBlobs() {}

  static KeyData decode(byte[] buf, int off, int len, KeyPairLimits limits) {
    java.util.Objects.requireNonNull(buf, "blob");
    java.util.Objects.requireNonNull(limits, "limits");
    java.util.Objects.checkFromIndexSize(off, len, buf.length); // before the cache reads the bytes
    KeyData cached = ValidatedKeyCache.get(buf, off, len, limits);
    if (cached != null) {
      return cached;
    }
    KeyData key = decode(buf, off, len, limits, true);
    if (key instanceof RsaKeyData || key instanceof EcdsaKeyData || key instanceof DsaKeyData) {
      ValidatedKeyCache.put(key, limits);
    }
    return key;
  }

  private static KeyData decode(byte[] buf, int off, int len, KeyPairLimits limits, boolean allowCertificate) {
    SshWireReader r = new SshWireReader(buf, off, len, STRUCTURE);
    String name = r.readName("key type", MAX_NAME);
    var plain = KeyType.fromSshName(name);
    if (plain.isPresent()) {
      return readFields(plain.get(), r, limits, buf, off, len);
    }
    if (KeyType.isCertificateName(name)) {
      if (!allowCertificate) {
        throw r.error("a certificate's signature key is itself a certificate");
      }
      var certified = KeyType.fromCertificateName(name);
      if (certified.isPresent()) {
        return readCertificate(name, certified.get(), r, limits, buf, off, len);
      }
    }
    return OpaqueKeyData.decoded(name, Arrays.copyOfRange(buf, off, off + len));
  }

  /**
   * Reads the fields after the name of a plain key. With {@code buf != null} the blob is the canonical
   * encoding of the fields (the reader accepts only minimal mpints and exact strings), so it is copied
   * rather than encoded again; otherwise the key encodes itself.
   */
  private static KeyData readFields(KeyType type, SshWireReader r, KeyPairLimits limits, byte[] buf, int off,
      int len) {
    return switch (type) {
      case RSA -> {
        BigInteger e = r.readMpint("e", limits.rsaMaxBits());
        if (buf == null) {
          yield RsaKeyData.of(e, r.readMpint("n", limits.rsaMaxBits()), limits);
        }
        long n = r.readMpintMagnitude("n", limits.rsaMaxBits()); // the number is made only if asked for
        yield RsaKeyData.decoded(e, blob(r, buf, off, len), (int) (n >>> 32) - off, (int) n, limits);
      }
      case DSA -> {
        BigInteger p = r.readMpint("p", limits.dsaMaxBits());
        BigInteger q = r.readMpint("q", 256);
        BigInteger g = r.readMpint("g", limits.dsaMaxBits());
        BigInteger y = r.readMpint("y", limits.dsaMaxBits());
        yield buf == null ? DsaKeyData.of(p, q, g, y, limits)
            : DsaKeyData.decoded(p, q, g, y, blob(r, buf, off, len), limits);
      }
      case ECDSA_NISTP256, ECDSA_NISTP384, ECDSA_NISTP521 -> {
        EcCurve curve = readCurve(type, r);
        byte[] q = r.readString("Q");
        yield buf == null ? EcdsaKeyData.of(curve, q) : EcdsaKeyData.decoded(curve, q, blob(r, buf, off, len));
      }
      case ED25519 -> {
        byte[] k = r.readString("key");
        yield buf == null ? Ed25519KeyData.of(k) : Ed25519KeyData.decoded(k, blob(r, buf, off, len));
      }
      case SK_ECDSA_NISTP256 -> {
        readCurve(type, r);
        byte[] q = r.readString("Q");
        String app = r.readUtf8("application");
        yield buf == null ? SkEcdsaKeyData.of(q, app) : SkEcdsaKeyData.decoded(q, app, blob(r, buf, off, len));
      }
      case SK_ED25519 -> {
        byte[] k = r.readString("key");
        String app = r.readUtf8("application");
        yield buf == null ? SkEd25519KeyData.of(k, app) : SkEd25519KeyData.decoded(k, app, blob(r, buf, off, len));
      }
      default -> throw new IllegalStateException("no fields for " + type);
    };
  }

  /** The whole blob, once the fields have been read: nothing may follow them. */
  private static byte[] blob(SshWireReader r, byte[] buf, int off, int len) {
    r.requireEnd();
    return Arrays.copyOfRange(buf, off, off + len);
  }

  private static EcCurve readCurve(KeyType type, SshWireReader r) {
    String curveName = r.readName("curve", MAX_NAME);
    EcCurve curve = EcCurve.fromSshName(curveName).orElseThrow(() -> new KeyPairException(
        ErrorCode.UNSUPPORTED_ALGORITHM, "unknown ECDSA curve in " + type.sshName() + " key"));
    EcCurve expected = type == KeyType.SK_ECDSA_NISTP256 ? EcCurve.NISTP256
        : EcCurve.fromSshName(type.sshName().substring("ecdsa-sha2-".length())).orElseThrow();
    if (curve != expected) {
      throw new KeyPairException(ErrorCode.TYPE_MISMATCH,
          "curve " + curve.sshName() + " inside a " + type.sshName() + " key");
    }
    return curve;
  }

  private static SshCertificate readCertificate(String name, KeyType type, SshWireReader r, KeyPairLimits limits,
      byte[] buf, int off, int len) {
    Bytes nonce = Bytes.wrap(r.readString("nonce"));
    KeyData certified = readFields(type, r, limits, null, 0, 0);
    long serial = r.readUint64("serial");
    long kindCode = r.readUint32("type");
    SshCertificate.Kind kind = kindCode == 1 ? SshCertificate.Kind.USER
        : kindCode == 2 ? SshCertificate.Kind.HOST : null;
    if (kind == null) {
      throw r.error("certificate type " + kindCode + " is neither user (1) nor host (2)");
    }
    String keyId = r.readUtf8("key id");
    SshWireReader pr = r.readNested("valid principals", "certificate principals");
    List<String> principals = new ArrayList<>();
    while (pr.hasRemaining()) {
      principals.add(pr.readUtf8("principal"));
    }
    long validAfter = r.readUint64("valid after");
    long validBefore = r.readUint64("valid before");
    List<SshCertificate.Option> critical = readOptions(r.readNested("critical options", "certificate critical options"));
    List<SshCertificate.Option> extensions = readOptions(r.readNested("extensions", "certificate extensions"));
    Bytes reserved = Bytes.wrap(r.readString("reserved"));
    long sk = r.skipString("signature key");
    KeyData signatureKey = decode(buf, (int) (sk >>> 32), (int) sk, limits, false);
    int signedLength = r.offset();
    Bytes signature = Bytes.wrap(r.readString("signature"));
    r.requireEnd();
    return new SshCertificate(name, nonce, certified, serial, kind, keyId, principals, validAfter, validBefore,
        critical, extensions, reserved, signatureKey, signature, signedLength,
        Arrays.copyOfRange(buf, off, off + len));
  }

  private static List<SshCertificate.Option> readOptions(SshWireReader r) {
    List<SshCertificate.Option> out = new ArrayList<>();
    while (r.hasRemaining()) {
      String name = r.readName("option name", MAX_NAME);
      out.add(new SshCertificate.Option(name, Bytes.wrap(r.readString("option data"))));
    }
    return out;
  }
}
