package dev.keypair.formats;

import static dev.keypair.testsupport.Totality.FUZZ_LIMITS;
import static dev.keypair.testsupport.Totality.returnsOrRefuses;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.keypair.core.SshPublicKey;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Coverage-guided fuzz targets for the public-key decoders (README, "Fuzzing"). Each plain test run replays
 * the seeds under {@code PublicKeyFuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1} fuzzes one target.
 * Every target asserts totality ({@link dev.keypair.testsupport.Totality}) and that what decodes
 * re-encodes to a key that decodes equal.
 */
class PublicKeyFuzzTest {

  @FuzzTest
  void openSshPublicLine(byte[] line) {
    returnsOrRefuses(() -> OpenSshPublicKeys.parse(line, FUZZ_LIMITS)).ifPresent(key ->
        assertThat(OpenSshPublicKeys.parse(OpenSshPublicKeys.encode(key), FUZZ_LIMITS)).isEqualTo(key));
  }

  @FuzzTest
  void authorizedKeysFile(byte[] file) {
    returnsOrRefuses(() -> AuthorizedKeys.parse(file, FUZZ_LIMITS)).ifPresent(lines -> {
      List<AuthorizedKeysLine> streamed = AuthorizedKeys.stream(new ByteArrayInputStream(file), FUZZ_LIMITS)
          .collect(Collectors.toList());
      assertThat(streamed).isEqualTo(lines);
      if (file.length == 0 || file[file.length - 1] == '\n') {
        assertThat(AuthorizedKeys.encode(lines)).isEqualTo(file);
      }
      for (AuthorizedKeysLine line : lines) {
        if (line instanceof AuthorizedKeyEntry entry) {
          assertThat(AuthorizedKeys.parseEntry(entry.toBytes(), FUZZ_LIMITS)).isEqualTo(entry);
        }
      }
    });
  }

  /**
   * Re-encoded with {@link Rfc4716#encode(SshPublicKey)}, which keeps the comment's bytes (the headers
   * are decoded as UTF-8, lossily: a comment that is not UTF-8 would not survive them).
   */
  @FuzzTest
  void rfc4716(byte[] text) {
    returnsOrRefuses(() -> Rfc4716.parse(text, FUZZ_LIMITS)).map(Rfc4716Key::key).ifPresent(key ->
        returnsOrRefuses(() -> Rfc4716.encode(key)).ifPresent(again ->
            assertThat(Rfc4716.parse(again, FUZZ_LIMITS).key()).isEqualTo(key)));
  }

  @FuzzTest
  void derBase64(byte[] text) {
    returnsOrRefuses(() -> DerBase64.parse(text, FUZZ_LIMITS)).ifPresent(key ->
        assertThat(DerBase64.parse(DerBase64.encode(key.keyData()), FUZZ_LIMITS)).isEqualTo(key));
  }

  /** DER is canonical: what decodes re-encodes to the same bytes. */
  @FuzzTest
  void subjectPublicKeyInfoDer(byte[] der) {
    returnsOrRefuses(() -> SubjectPublicKeyInfo.decode(der, FUZZ_LIMITS)).ifPresent(key ->
        assertThat(SubjectPublicKeyInfo.encode(key)).isEqualTo(der));
  }

  /** Every PEM public label: {@code PUBLIC KEY} and {@code RSA PUBLIC KEY}. */
  @FuzzTest
  void pemPublic(byte[] text) {
    returnsOrRefuses(() -> PemPublicKeys.parse(text, FUZZ_LIMITS)).ifPresent(key ->
        assertThat(PemPublicKeys.parse(PemPublicKeys.encodeSpki(key.keyData()), FUZZ_LIMITS)).isEqualTo(key));
  }

  /** The auto-detecting entry point, for every format it detects. */
  @FuzzTest
  void publicKeys(byte[] content) {
    returnsOrRefuses(() -> PublicKeys.decodeAll(content, FUZZ_LIMITS)).ifPresent(all -> {
      for (DecodedPublicKey decoded : all) {
        SshPublicKey key = decoded.key();
        byte[] again = PublicKeys.encode(key, decoded.format().publicFormat());
        assertThat(PublicKeys.decode(again, FUZZ_LIMITS).key().sameKey(key)).as("%s re-decodes", decoded.format())
            .isTrue();
      }
    });
  }
}
