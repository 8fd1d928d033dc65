package dev.keypair.testkit;

import dev.keypair.core.KeyData;
import dev.keypair.fingerprint.FingerprintAlgorithm;
import java.util.Objects;

/**
 * One way a fingerprint of a key is pasted: the text, and which of the key's fingerprints it spells.
 *
 * @param key       the (public) key the fingerprint is of
 * @param algorithm the fingerprint spelled, as {@link dev.keypair.fingerprint.FingerprintMatcher} reports a
 *                  match: {@link FingerprintAlgorithm#AWS_IMPORTED_MD5} for AWS's MD5 of an imported RSA key,
 *                  {@link FingerprintAlgorithm#AWS_CREATED_SHA1} for its SHA-1 of a created one, the OpenSSH
 *                  algorithm otherwise (AWS's Ed25519 fingerprint is a {@link FingerprintAlgorithm#SHA256})
 * @param text      what is pasted
 */
public record FingerprintSpelling(KeyData key, FingerprintAlgorithm algorithm, String text) {

  public FingerprintSpelling {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(text, "text");
  }
}
