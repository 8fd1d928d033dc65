package dev.keypair.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.testsupport.Fixtures;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the detection facade says about inputs that are not one clean key. */
class DetectionTest {

  private static KeyPairException failure(String text) {
    try {
      PublicKeys.decode(text.getBytes(StandardCharsets.UTF_8), KeyPairLimits.defaults());
    } catch (KeyPairException e) {
      return e;
    }
    throw new AssertionError("decoded: " + text);
  }

  /** Text that is no key line is "not a key line", not an unknown option, and its words are not echoed. */
  @ParameterizedTest
  @ValueSource(strings = {"this is not a key", "hello world\n", "a b c d e f"})
  void proseIsNotAKeyLine(String text) {
    KeyPairException e = failure(text);
    assertThat(e.code()).isEqualTo(ErrorCode.FORMAT);
    assertThat(e.getMessage()).contains("is not a key line").doesNotContain("this", "hello");
  }

  @Test
  void aPubLineWithoutItsTypeDoesNotEchoTheKey() {
    String[] f = Fixtures.line("ed25519.pub").split(" ", 2);
    KeyPairException e = failure(f[1]);
    assertThat(e.code()).isEqualTo(ErrorCode.FORMAT);
    assertThat(e.getMessage()).doesNotContain(f[1].substring(0, 20));
  }

  /** A key line beside a PEM block is two keys, not explanatory text. */
  @Test
  void pemBesideAKeyLineIsRefused() {
    for (String text : new String[] {Fixtures.text("ed25519.pub") + Fixtures.text("rsa2048.pkcs8.pem"),
        Fixtures.text("rsa2048.pkcs8.pem") + Fixtures.text("ed25519.pub")}) {
      KeyPairException e = failure(text);
      assertThat(e.code()).isEqualTo(ErrorCode.FORMAT);
      assertThat(e.getMessage()).isEqualTo("the input holds a PEM block and an OpenSSH key line; one key was expected");
    }
    // real explanatory text (openssl pkcs12 output) is still fine
    String withBagAttributes = "Bag Attributes\n    localKeyID: 01 00 00 00\nKey Attributes: <No Attributes>\n"
        + Fixtures.text("rsa2048.pkcs8.pem");
    assertThat(PublicKeys.parse(withBagAttributes).sameKey(PublicKeys.parse(Fixtures.text("rsa2048.pub")))).isTrue();
  }

  /** ssh-keygen -l reads a comment with a CR inside; so do we (a CR is only a line end before LF). */
  @Test
  void carriageReturnInsideACommentIsRead() {
    String line = Fixtures.line("ed25519.pub").split(" keypair")[0] + " a\rb\n";
    assertThat(PublicKeys.parse(line).comment().toString()).isEqualTo("a\rb");
  }

  @Test
  void oneErrorPrefixPerLine() {
    String text = Fixtures.text("ed25519.pub") + "no-pty,bogus-option " + Fixtures.text("rsa2048.pub");
    KeyPairException e = failure(text);
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_OPTION);
    assertThat(e.getMessage()).startsWith("authorized_keys line 2: ").doesNotContain("line 2: authorized_keys line 2");
  }

  /** Every text codec skips a UTF-8 byte order mark, called directly or through detection. */
  @Test
  void byteOrderMarkIsSkippedEverywhere() {
    byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
    dev.keypair.core.SshPublicKey key = OpenSshPublicKeys.parse(Fixtures.bytes("rsa2048.pub"));
    for (String f : new String[] {"rsa2048.pub", "rsa2048.rfc4716", "rsa2048.pkcs8.pem", "rsa2048.pkcs1.pem",
        "rsa2048.der.b64"}) {
      byte[] body = Fixtures.bytes(f);
      byte[] withBom = new byte[body.length + 3];
      System.arraycopy(bom, 0, withBom, 0, 3);
      System.arraycopy(body, 0, withBom, 3, body.length);
      assertThat(PublicKeys.parse(withBom).sameKey(key)).as(f).isTrue();
    }
    byte[] pub = Fixtures.bytes("rsa2048.pub");
    byte[] withBom = new byte[pub.length + 3];
    System.arraycopy(bom, 0, withBom, 0, 3);
    System.arraycopy(pub, 0, withBom, 3, pub.length);
    assertThat(OpenSshPublicKeys.parse(withBom)).isEqualTo(key);
    byte[] pem = Fixtures.bytes("rsa2048.pkcs8.pem");
    byte[] pemBom = new byte[pem.length + 3];
    System.arraycopy(bom, 0, pemBom, 0, 3);
    System.arraycopy(pem, 0, pemBom, 3, pem.length);
    assertThat(PemPublicKeys.parse(pemBom).sameKey(key)).isTrue();
  }
}
