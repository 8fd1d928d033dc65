package dev.keypair.login;

import static dev.keypair.testsupport.Totality.FUZZ_LIMITS;
import static dev.keypair.testsupport.Totality.returnsOrRefuses;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.keypair.formats.AuthorizedKeyEntry;
import dev.keypair.formats.AuthorizedKeys;
import dev.keypair.testsupport.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/**
 * Coverage-guided fuzz targets for the login helpers' file editors (README, "Fuzzing"). Each plain test run
 * replays the seeds under {@code LoginFuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1} fuzzes one target. Every
 * target asserts totality ({@link dev.keypair.testsupport.Totality}) and what each edit promises about the rest
 * of the file.
 */
class LoginFuzzTest {

  private static final AuthorizedKeyEntry ENTRY = AuthorizedKeys.parseEntry(
      Fixtures.line("ecdsa256.pub").getBytes(StandardCharsets.US_ASCII), FUZZ_LIMITS);
  private static final SshConfigFile.HostEntry HOST = new SshConfigFile.HostEntry("web", "web.example.com",
      "ec2-user", "~/.ssh/web key.pem", OptionalInt.of(2222));

  /**
   * An authorized_keys file as the editor reads it: written back unchanged byte for byte (when it ends with a line
   * end), and adding a key it does not hold then removing it gives the same bytes again.
   */
  @FuzzTest
  void authorizedKeysEdit(byte[] file) {
    returnsOrRefuses(() -> AuthorizedKeysFile.parse(file, FUZZ_LIMITS)).ifPresent(parsed -> {
      byte[] encoded = parsed.encode();
      if (file.length == 0 || file[file.length - 1] == '\n') {
        assertThat(encoded).isEqualTo(file);
      }
      if (parsed.find(ENTRY.key()).isEmpty()) {
        AuthorizedKeysFile added = parsed.add(ENTRY);
        assertThat(added.find(ENTRY.key())).isPresent();
        assertThat(added.add(ENTRY)).isSameAs(added);
        assertThat(added.remove(AuthorizedKeysFile.byKey(ENTRY.key())).encode()).isEqualTo(encoded);
      }
    });
  }

  /** An ssh config edited for one host: the same edit again finds nothing to change. */
  @FuzzTest
  void sshConfigEdit(byte[] config) {
    returnsOrRefuses(() -> SshConfigFile.edit(config, HOST)).ifPresent(edit -> {
      SshConfigFile.Edit again = SshConfigFile.edit(edit.content(), HOST);
      assertThat(again.change()).isEqualTo(SshConfigFile.Change.UNCHANGED);
      assertThat(again.content()).isEqualTo(edit.content());
    });
  }
}
