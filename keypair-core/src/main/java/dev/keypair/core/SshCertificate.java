package dev.keypair.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An OpenSSH certificate ({@code *-cert-v01@openssh.com}, OpenSSH PROTOCOL.certkeys): a public key
 * with a CA's signature over its identity, principals and validity.
 * <pre>
 * string    "ssh-ed25519-cert-v01@openssh.com"   (or the RSA, DSA, ECDSA and security key variants)
 * string    nonce
 * ...       the certified key's fields, as in its plain blob after the name
 * uint64    serial
 * uint32    type                 1 user, 2 host
 * string    key id
 * string    valid principals     a sequence of strings
 * uint64    valid after          seconds since the epoch
 * uint64    valid before         0xffffffffffffffff is "forever"
 * string    critical options     a sequence of (string name, string data)
 * string    extensions           a sequence of (string name, string data)
 * string    reserved
 * string    signature key        a plain public key blob; a certificate here is refused
 * string    signature
 * </pre>
 *
 * <p>Fingerprints: {@code ssh-keygen -l} prints the fingerprint of the certified key for a
 * certificate, and so do keypair's OpenSSH fingerprints; the fingerprint of the whole certificate
 * blob is available separately. The signature is kept but not verified by this class.
 */
public final class SshCertificate extends AbstractKeyData implements KeyData {

  /** Whether the certificate is for a user or a host. */
  public enum Kind {
    USER(1),
    HOST(2);

    private final int code;

    Kind(int code) {
      this.code = code;
    }

    /** The value of the {@code type} field. */
    public int code() {
      return code;
    }
  }

  /**
   * A critical option or extension. For the options OpenSSH defines with a value
   * ({@code force-command}, {@code source-address}), the data holds one string; see {@link #stringValue()}.
   *
   * @param name option name, such as {@code force-command} or {@code permit-pty}
   * @param data the option's data, often empty
   */
  public record Option(String name, Bytes data) {
    public Option {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(data, "data");
    }

    /** The data decoded as one SSH string, when it is exactly that. */
    public Optional<String> stringValue() {
      byte[] d = data.toByteArray();
      if (d.length < 4) {
        return Optional.empty();
      }
      dev.keypair.core.internal.SshWireReader r = new dev.keypair.core.internal.SshWireReader(d, "option");
      try {
        String s = r.readUtf8("value");
        return r.hasRemaining() ? Optional.empty() : Optional.of(s);
      } catch (KeyPairException e) {
        return Optional.empty();
      }
    }
  }

  private final String name;
  private final Bytes nonce;
  private final KeyData certifiedKey;
  private final long serial;
  private final Kind kind;
  private final String keyId;
  private final List<String> principals;
  private final long validAfter;
  private final long validBefore;
  private final List<Option> criticalOptions;
  private final List<Option> extensions;
  private final Bytes reserved;
  private final KeyData signatureKey;
  private final Bytes signature;
  private final int signedLength;

  SshCertificate(String name, Bytes nonce, KeyData certifiedKey, long serial, Kind kind, String keyId,
      List<String> principals, long validAfter, long validBefore, List<Option> criticalOptions,
      List<Option> extensions, Bytes reserved, KeyData signatureKey, Bytes signature, int signedLength,
      byte[] blob) {
    super(blob);
    this.name = name;
    this.nonce = nonce;
    this.certifiedKey = certifiedKey;
    this.serial = serial;
    this.kind = kind;
    this.keyId = keyId;
    this.principals = List.copyOf(principals);
    this.validAfter = validAfter;
    this.validBefore = validBefore;
    this.criticalOptions = List.copyOf(criticalOptions);
    this.extensions = List.copyOf(extensions);
    this.reserved = reserved;
    this.signatureKey = signatureKey;
    this.signature = signature;
    this.signedLength = signedLength;
  }

  /** The certified key. */
  public KeyData certifiedKey() {
    return certifiedKey;
  }

  public Bytes nonce() {
    return nonce;
  }

  /** The serial number, an unsigned 64-bit value in a long's bits ({@link Long#toUnsignedString(long)}). */
  public long serial() {
    return serial;
  }

  public Kind kind() {
    return kind;
  }

  /** The key id, decoded as UTF-8. */
  public String keyId() {
    return keyId;
  }

  /** The principals (user or host names); empty means any. */
  public List<String> principals() {
    return principals;
  }

  /** The start of validity in seconds since the epoch, unsigned. */
  public long validAfterSeconds() {
    return validAfter;
  }

  /** The end of validity in seconds since the epoch, unsigned; {@code -1L} (all ones) is forever. */
  public long validBeforeSeconds() {
    return validBefore;
  }

  /** The start of validity; {@link Instant#EPOCH} for "always". */
  public Instant validAfter() {
    return toInstant(validAfter);
  }

  /** The end of validity; {@link Instant#MAX} for "forever". */
  public Instant validBefore() {
    return toInstant(validBefore);
  }

  /** Whether {@code at} is within {@code [validAfter, validBefore)}. */
  public boolean isValidAt(Instant at) {
    long s = at.getEpochSecond();
    if (s < 0) {
      return false;
    }
    return Long.compareUnsigned(s, validAfter) >= 0 && Long.compareUnsigned(s, validBefore) < 0;
  }

  private static Instant toInstant(long unsignedSeconds) {
    if (unsignedSeconds < 0 || unsignedSeconds > Instant.MAX.getEpochSecond()) {
      return Instant.MAX;
    }
    return Instant.ofEpochSecond(unsignedSeconds);
  }

  public List<Option> criticalOptions() {
    return criticalOptions;
  }

  public List<Option> extensions() {
    return extensions;
  }

  public Bytes reserved() {
    return reserved;
  }

  /** The CA key that signed the certificate. */
  public KeyData signatureKey() {
    return signatureKey;
  }

  /** The signature blob: {@code string algorithm, string signature}. */
  public Bytes signature() {
    return signature;
  }

  /** The bytes the signature covers: the blob up to the signature field. */
  public Bytes signedData() {
    return Bytes.of(blob, 0, signedLength);
  }

  @Override
  public KeyType type() {
    return certifiedKey.type();
  }

  @Override
  public String algorithmName() {
    return name;
  }

  @Override
  public int bits() {
    return certifiedKey.bits();
  }

  /** {@code ED25519-CERT}, as {@code ssh-keygen -l} prints. */
  @Override
  public String label() {
    return certifiedKey.label() + "-CERT";
  }

  @Override
  public boolean isCertificate() {
    return true;
  }

  @Override
  public KeyData plainKey() {
    return certifiedKey;
  }
}
