package dev.keypair.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypair.core.Comment;
import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.SshPublicKey;
import dev.keypair.testsupport.ExternalTools;
import dev.keypair.testsupport.Fixtures;
import dev.keypair.testsupport.TestKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class OpenSshPublicKeysTest {

  static Stream<String> fixtures() {
    return Stream.concat(Fixtures.PUBLIC_KEYS.stream(), Fixtures.CERTIFICATES.stream());
  }

  /** Every line ssh-keygen wrote reads and writes back byte for byte, comment included. */
  @ParameterizedTest
  @MethodSource("fixtures")
  void sshKeygenLinesRoundTripByteForByte(String name) {
    byte[] file = Fixtures.bytes(name + ".pub");
    SshPublicKey key = OpenSshPublicKeys.parse(file);
    byte[] line = java.util.Arrays.copyOf(file, file.length - 1); // without the final LF
    assertThat(OpenSshPublicKeys.encode(key)).isEqualTo(line);
  }

  @Test
  void commentIsKeptByteForByteWithInnerAndTrailingSpaces() {
    SshPublicKey key = OpenSshPublicKeys.parse(Fixtures.bytes("ed25519_spaces.pub"));
    assertThat(key.comment().toString()).isEqualTo("ops  team  é ");
    SshPublicKey none = OpenSshPublicKeys.parse(Fixtures.bytes("ecdsa256_nocomment.pub"));
    assertThat(none.comment().isEmpty()).isTrue();
  }

  @Test
  void nonUtf8CommentBytesSurvive() {
    byte[] key = OpenSshPublicKeys.encode(OpenSshPublicKeys.parse(Fixtures.line("ed25519.pub")).withComment(
        Comment.ofBytes(new byte[] {'a', (byte) 0xff, (byte) 0xfe, ' ', 'b'})));
    assertThat(OpenSshPublicKeys.parse(key).comment().bytes().toByteArray())
        .containsExactly('a', 0xff, 0xfe, ' ', 'b');
  }

  @Test
  void whitespaceVariantsAndLineEnds() {
    String line = Fixtures.line("ed25519.pub");
    String[] parts = line.split(" ", 3);
    SshPublicKey expected = OpenSshPublicKeys.parse(line);
    assertThat(OpenSshPublicKeys.parse(line + "\r\n")).isEqualTo(expected);
    assertThat(OpenSshPublicKeys.parse("  \t" + parts[0] + "\t \t" + parts[1] + "   " + parts[2])).isEqualTo(expected);
    // fields separated by CR, as in the kops "tricky whitespace" vector
    assertThat(OpenSshPublicKeys.parse(parts[0] + "\r" + parts[1] + "\r").sameKey(expected)).isTrue();
  }

  @Test
  void typeInTextMustMatchTheBlob() {
    String[] parts = Fixtures.line("ed25519.pub").split(" ", 3);
    assertThatThrownBy(() -> OpenSshPublicKeys.parse("ssh-rsa " + parts[1]))
        .isInstanceOfSatisfying(KeyPairException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TYPE_MISMATCH))
        .hasMessage("OpenSSH public key says 'ssh-rsa' but its key data is ssh-ed25519");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "ssh-rsa", "ssh-rsa ", "ssh-ed25519 not-valid-base64!!!", "garbage",
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJ",
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl=",
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJlAAAA"})
  void malformedLinesGiveFormatErrors(String line) {
    assertThatThrownBy(() -> OpenSshPublicKeys.parse(line))
        .isInstanceOfSatisfying(KeyPairException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORMAT));
  }

  /** HOSTILE 9: an embedded NUL is refused, in the comment too. */
  @Test
  void nulBytesAreRefused() {
    byte[] line = (Fixtures.line("ed25519.pub") + "\0x\n").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> OpenSshPublicKeys.parse(line))
        .isInstanceOfSatisfying(KeyPairException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORMAT))
        .hasMessageContaining("NUL byte at offset");
  }

  @Test
  void twoLinesAreNotOneKey() {
    String two = Fixtures.text("ed25519.pub") + Fixtures.text("rsa2048.pub");
    assertThatThrownBy(() -> OpenSshPublicKeys.parse(two)).hasMessageContaining("more than one line");
  }

  @Test
  void linesOverTheCapAreRefusedBeforeDecoding() {
    KeyPairLimits small = KeyPairLimits.builder().maxLineBytes(100).build();
    byte[] line = Fixtures.bytes("rsa2048.pub");
    assertThatThrownBy(() -> OpenSshPublicKeys.parse(line, small))
        .isInstanceOfSatisfying(KeyPairException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT_TOO_LARGE));
    byte[] big = new byte[(1 << 20) + 1];
    assertThatThrownBy(() -> OpenSshPublicKeys.parse(big))
        .isInstanceOfSatisfying(KeyPairException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT_TOO_LARGE));
  }

  @Test
  void commentWithLineBreakCannotBeWritten() {
    SshPublicKey k = OpenSshPublicKeys.parse(Fixtures.line("ed25519.pub")).withComment(Comment.of("a\nb"));
    assertThatThrownBy(() -> OpenSshPublicKeys.encode(k))
        .isInstanceOfSatisfying(KeyPairException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNREPRESENTABLE));
  }

  /** What we write, ssh-keygen reads: `ssh-keygen -l` prints our bits, comment and type. */
  @Property(tries = 12)
  void sshKeygenReadsWhatWeWrite(@ForAll("plainKeys") SshPublicKey key) throws Exception {
    Path dir = Files.createTempDirectory("kp");
    try {
      Path f = dir.resolve("k.pub");
      Files.write(f, (new String(OpenSshPublicKeys.encode(key), StandardCharsets.ISO_8859_1) + "\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      String out = ExternalTools.sshKeygen().run("-l", "-f", f.toString()).ok().out().strip();
      assertThat(out).startsWith(key.bits() + " SHA256:").endsWith("(" + key.keyData().label() + ")");
    } finally {
      try (var s = Files.list(dir)) {
        s.forEach(p -> p.toFile().delete());
      }
      Files.delete(dir);
    }
  }

  @Provide
  Arbitrary<SshPublicKey> plainKeys() {
    return TestKeys.keyData().filter(k -> !k.isCertificate() && !(k instanceof dev.keypair.core.DsaKeyData))
        .map(k -> SshPublicKey.of(k, Comment.of("prop@test")));
  }

  @Property(tries = 2000)
  void arbitraryTextGivesAKeyOrATypedError(@ForAll String text) {
    try {
      OpenSshPublicKeys.parse(text);
    } catch (KeyPairException expected) {
      // typed
    }
  }

  @Test
  void generatedKeyWithTempDir(@TempDir Path dir) throws Exception {
    ExternalTools.sshKeygen().run("-q", "-t", "ed25519", "-N", "", "-C", "a  b", "-f", dir.resolve("k").toString()).ok();
    byte[] file = Files.readAllBytes(dir.resolve("k.pub"));
    SshPublicKey key = OpenSshPublicKeys.parse(file);
    assertThat(key.comment().toString()).isEqualTo("a  b");
    String fp = ExternalTools.sshKeygen().run("-l", "-f", dir.resolve("k.pub").toString()).ok().out();
    assertThat(fp).contains(" a  b (ED25519)");
  }
}
