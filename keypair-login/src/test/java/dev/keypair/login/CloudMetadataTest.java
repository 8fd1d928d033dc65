package dev.keypair.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypair.core.KeyPairException;
import dev.keypair.core.SshPublicKey;
import dev.keypair.formats.OpenSshPublicKeys;
import dev.keypair.testsupport.Fixtures;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CloudMetadataTest {

  private static final String LINE = Fixtures.line("ed25519.pub");
  private static final SshPublicKey KEY = OpenSshPublicKeys.parse(LINE);
  /** The fixture line's type and base64, without its comment. */
  private static final String TYPE_AND_KEY = LINE.substring(0, LINE.indexOf(' ', LINE.indexOf(' ') + 1));

  @Test
  void awsServesTheLineWithTheKeyPairNameAsComment() {
    assertThat(CloudMetadata.awsOpenSshKey(KEY, "my-key-pair")).isEqualTo(TYPE_AND_KEY + " my-key-pair\n");
    assertThat(CloudMetadata.awsPublicKeysIndex("my-key-pair")).isEqualTo("0=my-key-pair");
  }

  @Test
  void gcpEntryWithoutExpiry() {
    assertThat(CloudMetadata.gcpSshKey("alice", KEY)).isEqualTo("alice:" + TYPE_AND_KEY + " alice");
  }

  @Test
  void gcpEntryWithExpiryInUtcToTheSecond() {
    Instant at = Instant.parse("2026-11-21T18:00:03.999Z");
    assertThat(CloudMetadata.gcpSshKey("alice", KEY, at)).isEqualTo("alice:" + TYPE_AND_KEY
        + " google-ssh {\"userName\":\"alice\",\"expireOn\":\"2026-11-21T18:00:03+0000\"}");
  }

  @Test
  void theRenderedLinesParseBackToTheSameKey() {
    String gcp = CloudMetadata.gcpSshKey("bob", KEY, Instant.EPOCH);
    assertThat(OpenSshPublicKeys.parse(gcp.substring(gcp.indexOf(':') + 1)).sameKey(KEY)).isTrue();
    assertThat(OpenSshPublicKeys.parse(CloudMetadata.awsOpenSshKey(KEY, "k").strip()).sameKey(KEY)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a:b", "a b", "-alice", "a\nb", "abcdefghijklmnopqrstuvwxyz0123456"})
  void gcpRefusesUserNamesThatBreakTheEntry(String user) {
    assertThatThrownBy(() -> CloudMetadata.gcpSshKey(user, KEY)).isInstanceOf(KeyPairException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "two\nlines", "tab\there"})
  void awsRefusesANameThatIsNotOneLine(String name) {
    assertThatThrownBy(() -> CloudMetadata.awsOpenSshKey(KEY, name)).isInstanceOf(KeyPairException.class);
  }
}
