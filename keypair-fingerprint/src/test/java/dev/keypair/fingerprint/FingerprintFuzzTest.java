package dev.keypair.fingerprint;

import static dev.keypair.testsupport.Totality.returnsOrRefuses;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.keypair.core.KeyData;
import dev.keypair.formats.OpenSshPublicKeys;
import dev.keypair.testsupport.Fixtures;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzz target for a fingerprint a user pastes (README, "Fuzzing"): {@link FingerprintMatcher}
 * parses it and compares it with an RSA key's fingerprints (so the AWS MD5 candidate is tried too).
 * Each plain test run replays the seeds under {@code FingerprintFuzzTestInputs/pastedFingerprint/}.
 */
class FingerprintFuzzTest {

  private static final KeyData KEY = OpenSshPublicKeys.parse(Fixtures.bytes("rsa2048.pub")).keyData();

  /**
   * Totality of parse and match; a parsed digest has a hash's length, and a match names an algorithm
   * whose fingerprint of the key is that digest.
   */
  @FuzzTest
  void pastedFingerprint(byte[] input) {
    String pasted = new String(input, StandardCharsets.UTF_8);
    returnsOrRefuses(() -> FingerprintMatcher.parse(pasted)).ifPresent(parsed -> {
      assertThat(parsed.digest().length()).isIn(16, 20, 32);
      FingerprintMatcher.Result result = FingerprintMatcher.match(KEY, pasted);
      result.matched().ifPresent(alg -> assertThat(result.tried()).contains(alg));
    });
  }
}
