package dev.keypair.fingerprint;

import dev.keypair.core.KeyData;
import java.util.Objects;
import java.util.function.Function;

/**
 * How a provider fingerprints a public key it registers: a named function from a key to the
 * {@link Fingerprint} its console shows. Registry profiles carry one. The constants are singletons;
 * {@link #of(String, Function)} makes a custom one.
 */
public interface FingerprintRule {

  /** {@code ssh-keygen -l}: SHA-256 of the SSH blob, {@code SHA256:} unpadded base64. */
  FingerprintRule OPENSSH_SHA256 = of("openssh-sha256", Fingerprints::sha256);

  /** Legacy {@code ssh-keygen -l -E md5}: MD5 of the SSH blob, {@code MD5:} colon hex. */
  FingerprintRule OPENSSH_MD5 = of("openssh-md5", Fingerprints::md5);

  /** AWS EC2 for imported keys (RSA: MD5 of the DER SPKI; Ed25519: padded base64 SHA-256). */
  FingerprintRule AWS_IMPORTED = of("aws-imported", AwsFingerprints::imported);

  /**
   * MD5 of the SSH blob in colon hex without prefix (RFC 4716 section 4): Alibaba Cloud ECS (its
   * CreateKeyPair returns the same digest without colons; compare with {@link FingerprintMatcher}),
   * OpenStack Nova, DigitalOcean, Hetzner Cloud.
   */
  FingerprintRule MD5_HEX_COLONS = of("md5-hex-colons", k -> Fingerprints.md5(k).in(FingerprintEncoding.HEX_COLONS));

  /** A stable name, such as {@code aws-imported}. */
  String name();

  /** The fingerprint of {@code key} under this rule. */
  Fingerprint apply(KeyData key);

  /** A rule named {@code name} computing {@code function}. */
  static FingerprintRule of(String name, Function<KeyData, Fingerprint> function) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(function, "function");
    return new FingerprintRule() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Fingerprint apply(KeyData key) {
        return function.apply(key);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }
}
