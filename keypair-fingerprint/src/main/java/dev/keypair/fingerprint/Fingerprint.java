package dev.keypair.fingerprint;

import dev.keypair.core.Bytes;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A digest of a key under some {@link FingerprintAlgorithm}, and the way it is spelled.
 *
 * <p>Equal when algorithm, digest and spelling are; {@link #sameDigest(Fingerprint)} ignores the
 * spelling. {@link #toString()} is {@link #value()}.
 *
 * @param algorithm what was hashed and how
 * @param digest    the digest bytes
 * @param encoding  how {@link #value()} spells it
 */
public record Fingerprint(FingerprintAlgorithm algorithm, Bytes digest, FingerprintEncoding encoding) {

  private static final HexFormat COLONS = HexFormat.ofDelimiter(":");

  public Fingerprint {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(encoding, "encoding");
    if (digest.length() != algorithm.digestLength()) {
      throw new IllegalArgumentException(algorithm + " digests are " + algorithm.digestLength() + " bytes, not "
          + digest.length());
    }
  }

  /** The same digest spelled another way. */
  public Fingerprint in(FingerprintEncoding other) {
    return new Fingerprint(algorithm, digest, other);
  }

  /** Whether the algorithm and digest are the same, however spelled. */
  public boolean sameDigest(Fingerprint other) {
    return algorithm == other.algorithm && digest.equals(other.digest);
  }

  /**
   * The spelled fingerprint, such as {@code SHA256:kYaaN7ViMi69+asH2lt6IzlHWWQcElr60MPZagY3Nro}. In
   * the {@link FingerprintEncoding#OPENSSH} spelling the prefix is the hash function's name (an AWS
   * imported-key MD5 reads {@code MD5:...}), as ssh-keygen would spell that digest.
   */
  public String value() {
    byte[] d = digest.toByteArray();
    return switch (encoding) {
      case OPENSSH -> d.length == 16 ? "MD5:" + COLONS.formatHex(d)
          : algorithm.hashName() + ":" + Base64.getEncoder().withoutPadding().encodeToString(d);
      case HEX_COLONS -> COLONS.formatHex(d);
      case HEX -> HexFormat.of().formatHex(d);
      case BASE64 -> Base64.getEncoder().withoutPadding().encodeToString(d);
      case BASE64_PADDED -> Base64.getEncoder().encodeToString(d);
    };
  }

  @Override
  public String toString() {
    return value();
  }
}
