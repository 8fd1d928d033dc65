package dev.keypair.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.Comment;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.SshPublicKey;
import dev.keypair.testsupport.ExternalTools;
import dev.keypair.testsupport.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 4716 against the real ssh-keygen, both ways, with keys it generates now. */
class Rfc4716InteropTest {

  @TempDir
  Path dir;

  /** Comments for the reading-back test: short, long (folded), and every character the folding avoids. */
  static final List<String> COMMENTS = List.of(
      "me@host",
      "a long comment that needs continuation lines in RFC 4716, ".repeat(5),
      "colons: everywhere: x: y: z: ".repeat(8),
      "the END of the line, END again ".repeat(6) + "---- END SSH2 PUBLIC KEY ----",
      "\"quoted\" and back\\slashed \\ ".repeat(5),
      "\u00e9t\u00e9 \u4e2d\u6587 \uD83D\uDD11 ".repeat(12));

  /**
   * ssh-keygen -e output reads to the same key, and writing that key with the comment ssh-keygen chose
   * gives ssh-keygen's bytes back.
   */
  @ParameterizedTest
  @ValueSource(strings = {"rsa:1024", "rsa:2048", "rsa:3072", "rsa:4096", "ecdsa:256", "ecdsa:384", "ecdsa:521",
      "ed25519:", "dsa:1024"})
  void sameBytesAsSshKeygen(String spec) throws IOException {
    Path pub = generate(spec, "interop " + spec);
    SshPublicKey key = OpenSshPublicKeys.parse(Files.readAllBytes(pub));
    byte[] exported = ExternalTools.sshKeygen().run("-e", "-m", "RFC4716", "-f", pub.toString()).ok().stdout();

    Rfc4716Key read = Rfc4716.parse(exported, KeyPairLimits.defaults());
    assertThat(read.key().sameKey(key)).isTrue();
    Comment chosen = read.key().comment();
    assertThat(chosen.toString()).contains("converted by");

    assertThat(Rfc4716.encode(key.withComment(chosen))).isEqualTo(exported);
  }

  /** What keypair writes, ssh-keygen -i reads back to the same blob, folded comments included. */
  @ParameterizedTest
  @ValueSource(strings = {"rsa:2048", "rsa:4096", "ecdsa:256", "ecdsa:384", "ecdsa:521", "ed25519:", "dsa:1024"})
  void sshKeygenReadsWhatWeWrite(String spec) throws IOException {
    SshPublicKey key = OpenSshPublicKeys.parse(Files.readAllBytes(generate(spec, "x")));
    int n = 0;
    for (String c : COMMENTS) {
      Path ours = dir.resolve("ours" + n++ + ".rfc4716");
      byte[] text = Rfc4716.encode(key.withComment(Comment.of(c)));
      Files.write(ours, text);
      if (c.length() > 70) {
        assertThat(new String(text, java.nio.charset.StandardCharsets.UTF_8)).as("folded").contains("\\\n");
      }
      String line = ExternalTools.sshKeygen().run("-i", "-m", "RFC4716", "-f", ours.toString()).ok().out().strip();
      assertThat(OpenSshPublicKeys.parse(line).keyData()).as(c).isEqualTo(key.keyData());
    }
  }

  /** Certificates and the fixture keys go through ssh-keygen -i too. */
  @ParameterizedTest
  @ValueSource(strings = {"rsa2048-user-cert", "ecdsa384-user-cert", "ed25519-user-cert", "ecdsa256-host-cert",
      "ed25519_spaces", "ca_rsa"})
  void sshKeygenReadsFixturesWeWrite(String name) throws IOException {
    SshPublicKey key = OpenSshPublicKeys.parse(Fixtures.bytes(name + ".pub"));
    Path ours = dir.resolve(name + ".rfc4716");
    Files.write(ours, Rfc4716.encode(key));
    String line = ExternalTools.sshKeygen().run("-i", "-m", "RFC4716", "-f", ours.toString()).ok().out().strip();
    assertThat(OpenSshPublicKeys.parse(line).keyData()).isEqualTo(key.keyData());
  }

  private Path generate(String spec, String comment) {
    String[] p = spec.split(":", -1);
    Path key = dir.resolve(p[0] + p[1]);
    if (p[1].isEmpty()) {
      ExternalTools.sshKeygen().run("-q", "-t", p[0], "-N", "", "-C", comment, "-f", key.toString()).ok();
    } else {
      ExternalTools.sshKeygen().run("-q", "-t", p[0], "-b", p[1], "-N", "", "-C", comment, "-f", key.toString()).ok();
    }
    return dir.resolve(key.getFileName() + ".pub");
  }
}
