package dev.keypair.fingerprint;

import dev.keypair.core.KeyData;
import java.util.Objects;
import java.util.function.Function;

/**
 * How a provider fingerprints a public key it registers: a named function from a key to the
 * {@link Fingerprint} its console shows. Registry profiles carry one.
 *
 * @param name     a stable name, such as {@code aws-imported}
 * @param function the computation
 */
public record FingerprintRule(String name, Function<KeyData, Fingerprint> function) {

  /** {@code ssh-keygen -l}: SHA-256 of the SSH blob, {@code SHA256:} unpadded base64. */
  public static final FingerprintRule OPENSSH_SHA256 = new FingerprintRule("openssh-sha256", Fingerprints::sha256);

  /** Legacy {@code ssh-keygen -l -E md5}: MD5 of the SSH blob, {@code MD5:} colon hex. */
  public static final FingerprintRule OPENSSH_MD5 = new FingerprintRule("openssh-md5", Fingerprints::md5);

  /** AWS EC2 for imported keys (RSA: MD5 of the DER SPKI; Ed25519: padded base64 SHA-256). */
  public static final FingerprintRule AWS_IMPORTED = new FingerprintRule("aws-imported", AwsFingerprints::imported);

  /**
   * MD5 of the SSH blob in colon hex without prefix (RFC 4716 section 4): Alibaba Cloud ECS (its
   * CreateKeyPair returns the same digest without colons; compare with {@link FingerprintMatcher}),
   * OpenStack Nova, DigitalOcean, Hetzner Cloud.
   */
  public static final FingerprintRule MD5_HEX_COLONS = new FingerprintRule("md5-hex-colons",
      k -> Fingerprints.md5(k).in(FingerprintEncoding.HEX_COLONS));

  public FingerprintRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(function, "function");
  }

  /** The fingerprint of {@code key} under this rule. */
  public Fingerprint apply(KeyData key) {
    return function.apply(key);
  }

  @Override
  public String toString() {
    return name;
  }
}
