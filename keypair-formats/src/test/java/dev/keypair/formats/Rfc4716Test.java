package dev.keypair.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypair.core.Comment;
import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.SshPublicKey;
import dev.keypair.formats.Rfc4716.Header;
import dev.keypair.testsupport.Fixtures;
import dev.keypair.testsupport.TestKeys;
import dev.keypair.testsupport.Vectors;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc4716Test {

  static final List<String> KEYS = Fixtures.PUBLIC_KEYS;

  private static final String B = Rfc4716.BEGIN_MARKER;
  private static final String E = Rfc4716.END_MARKER;

  private static SshPublicKey pub(String name) {
    return OpenSshPublicKeys.parse(Fixtures.bytes(name + ".pub"));
  }

  /** The ed25519 fixture's base64 blob, on one line (68 characters). */
  private static String ed25519Base64() {
    return Fixtures.line("ed25519.pub").split(" ")[1];
  }

  private static KeyPairException error(String text) {
    try {
      Rfc4716.parse(text);
    } catch (KeyPairException e) {
      return e;
    }
    throw new AssertionError("no error for:\n" + text);
  }

  // ------------------------------------------------------------------ ssh-keygen's own files

  @ParameterizedTest
  @FieldSource("KEYS")
  void readsWhatSshKeygenWrote(String name) {
    Rfc4716Key read = Rfc4716.parse(Fixtures.bytes(name + ".rfc4716"), KeyPairLimits.defaults());
    assertThat(read.key().sameKey(pub(name))).isTrue();
    assertThat(read.headers()).hasSize(1);
    assertThat(read.headers().get(0).tag()).isEqualTo("Comment");
    assertThat(read.key().comment().toString()).endsWith(" from OpenSSH").doesNotContain("\"");
    assertThat(read.header("comment")).contains(read.key().comment().toString());
  }

  /** Writing equals ssh-keygen -e -m RFC4716 byte for byte, given the comment ssh-keygen chose. */
  @ParameterizedTest
  @FieldSource("KEYS")
  void writesWhatSshKeygenWrites(String name) {
    byte[] expected = Fixtures.bytes(name + ".rfc4716");
    Comment sshKeygens = Rfc4716.parse(expected, KeyPairLimits.defaults()).key().comment();
    SshPublicKey key = pub(name).withComment(sshKeygens);
    assertThat(Rfc4716.encode(key)).isEqualTo(expected);
    assertThat(Rfc4716.encodeToString(key)).isEqualTo(Fixtures.text(name + ".rfc4716"));
    assertThat(Rfc4716.encodeToString(key, List.of(new Header("Comment", sshKeygens.toString()))))
        .isEqualTo(Fixtures.text(name + ".rfc4716"));
  }

  // ------------------------------------------------------------------ public vectors

  @ParameterizedTest
  @ValueSource(strings = {"moto/rsa_rfc4716_1.pub", "moto/rsa_rfc4716_2.pub", "moto/rsa_rfc4716_3.pub",
      "moto/rsa_rfc4716_4.pub"})
  void motoVectorsAreTheSameKey(String file) {
    SshPublicKey expected = OpenSshPublicKeys.parse(Vectors.bytes("moto/rsa_openssh_clean.pub"));
    Rfc4716Key read = Rfc4716.parse(Vectors.bytes(file), KeyPairLimits.defaults());
    assertThat(read.key().sameKey(expected)).isTrue();
  }

  @Test
  void motoHeaders() {
    Rfc4716Key one = Rfc4716.parse(Vectors.bytes("moto/rsa_rfc4716_1.pub"), KeyPairLimits.defaults());
    assertThat(one.headers()).isEmpty();
    assertThat(one.key().comment().isEmpty()).isTrue();

    Rfc4716Key two = Rfc4716.parse(Vectors.bytes("moto/rsa_rfc4716_2.pub"), KeyPairLimits.defaults());
    assertThat(two.headers()).containsExactly(new Header("cOmmENt", "moto@github.com"));
    assertThat(two.header("COMMENT")).contains("moto@github.com");
    assertThat(two.key().comment()).isEqualTo(Comment.of("moto@github.com"));

    Rfc4716Key three = Rfc4716.parse(Vectors.bytes("moto/rsa_rfc4716_3.pub"), KeyPairLimits.defaults());
    assertThat(three.headers()).containsExactly(
        new Header("Comment", "1024-bit RSA, converted from OpenSSH by me@example.com"),
        new Header("x-command", "/home/me/bin/lock-in-guest.sh"));
    assertThat(three.key().comment()).isEqualTo(Comment.of("1024-bit RSA, converted from OpenSSH by me@example.com"));
    assertThat(three.header("X-Command")).contains("/home/me/bin/lock-in-guest.sh");

    Rfc4716Key four = Rfc4716.parse(Vectors.bytes("moto/rsa_rfc4716_4.pub"), KeyPairLimits.defaults());
    assertThat(four.key().comment())
        .isEqualTo(Comment.of("This is my public key for use on servers which I don't like."));
  }

  @Test
  void truncatedVectorIsAFormatError() {
    assertThatThrownBy(() -> Rfc4716.parse(Vectors.bytes("invalid/rfc4716_truncated.txt"), KeyPairLimits.defaults()))
        .isInstanceOfSatisfying(KeyPairException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.FORMAT);
          assertThat(e.getMessage()).contains("no END marker");
        });
  }

  // ------------------------------------------------------------------ reading

  @Test
  void continuationsAreJoinedAndQuotesRemoved() {
    String text = B + "\n"
        + "Subject: me\n"
        + "Comment: 1024-bit rsa, created by me@example.com Mon Jan 15 \\\n"
        + "08:31:24 2001\n"
        + "x-two: a\\\n"
        + "b\\\\\n"
        + "c\n"
        + "X-Quoted: \"in quotes\"\n"
        + "x-inner: say \"hi\" there\n"
        + "x-one-quote: \"\n"
        + "x-empty:\n"
        + "x-nospace:value\n"
        + "x-twospace:  value \n"
        + ed25519Base64() + "\n"
        + E + "\n";
    Rfc4716Key k = Rfc4716.parse(text);
    assertThat(k.headers()).containsExactly(
        new Header("Subject", "me"),
        new Header("Comment", "1024-bit rsa, created by me@example.com Mon Jan 15 08:31:24 2001"),
        new Header("x-two", "ab\\c"),
        new Header("X-Quoted", "in quotes"),
        new Header("x-inner", "say \"hi\" there"),
        new Header("x-one-quote", "\""),
        new Header("x-empty", ""),
        new Header("x-nospace", "value"),
        new Header("x-twospace", " value "));
    assertThat(k.key().comment()).isEqualTo(Comment.of("1024-bit rsa, created by me@example.com Mon Jan 15 08:31:24 2001"));
    assertThat(k.key().sameKey(pub("ed25519"))).isTrue();
    assertThat(k.header("x-missing")).isEmpty();
  }

  @Test
  void theFirstCommentHeaderIsTheComment() {
    Rfc4716Key k = Rfc4716.parse(B + "\nComment: \"one\"\ncomment: two\n" + ed25519Base64() + "\n" + E + "\n");
    assertThat(k.key().comment()).isEqualTo(Comment.of("one"));
    assertThat(k.headers()).hasSize(2);
  }

  @Test
  void commentBytesAreKeptAsTheyAre() {
    byte[] latin1 = "Comment: \"caf\u00e9\"\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] text = concat((B + "\n").getBytes(StandardCharsets.US_ASCII), latin1,
        (ed25519Base64() + "\n" + E + "\n").getBytes(StandardCharsets.US_ASCII));
    Rfc4716Key k = Rfc4716.parse(text, KeyPairLimits.defaults());
    assertThat(k.key().comment().bytes().toByteArray()).isEqualTo("caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
    assertThat(k.headers().get(0).value()).isEqualTo("caf\uFFFD");
  }

  @Test
  void lineEndsAndBlankLines() {
    String lf = Fixtures.text("rsa2048.rfc4716");
    SshPublicKey expected = Rfc4716.parse(lf).key();
    for (String variant : List.of(
        lf.replace("\n", "\r\n"),
        lf.replace("\n", "\r"),
        lf.replaceFirst("\n", "\r\n").replaceFirst("\n([A-Za-z0-9+/]+)\n", "\r$1\n"),
        "\n \t\n" + lf + "\n\n  \n",
        lf.substring(0, lf.length() - 1),
        "  " + lf.replace(B, B + " \t").replace(E, "\t" + E),
        "\uFEFF" + lf)) {
      assertThat(Rfc4716.parse(variant).key()).as(variant).isEqualTo(expected);
    }
  }

  @Test
  void spacesInsideTheBodyAreSkipped() {
    String b64 = ed25519Base64();
    Rfc4716Key k = Rfc4716.parse(B + "\n" + b64.substring(0, 10) + " " + b64.substring(10, 30) + "\t\n\n"
        + b64.substring(30) + "\n" + E);
    assertThat(k.key().sameKey(pub("ed25519"))).isTrue();
  }

  // ------------------------------------------------------------------ errors

  @Test
  void structuralErrors() {
    String b64 = ed25519Base64();
    String ok = B + "\n" + b64 + "\n" + E + "\n";
    assertThat(error("").getMessage()).contains("empty");
    assertThat(error(" \n\t\n").getMessage()).contains("empty");
    assertThat(error("ssh-ed25519 " + b64 + "\n").getMessage()).contains("does not start with").contains("line 1");
    assertThat(error("junk\n" + ok).getMessage()).contains("line 1");
    assertThat(error("\n\njunk\n" + ok).getMessage()).contains("line 3");
    assertThat(error(B + "\n" + b64 + "\n").getMessage()).contains("no END marker");
    assertThat(error(B + "\n").getMessage()).contains("no END marker");
    assertThat(error(B + "\n" + E + "\n").getMessage()).contains("RFC4716 body is empty");
    assertThat(error(B + "\nComment: x\n \n" + E + "\n").getMessage()).contains("RFC4716 body is empty");
    assertThat(error(ok + "trailing\n").getMessage()).contains("after the END marker, at line 4");
    assertThat(error(ok + ok).getMessage()).contains("more than one key").contains("line 4");
    assertThat(error(B + "\n" + b64 + "\n" + ok).getMessage()).contains("second BEGIN marker at line 3");
    assertThat(error(B + "\nComment: a\\\n").getMessage()).contains("header at line 2 is continued past the end");
    assertThat(error(B + "\nbad tag: x\n" + b64 + "\n" + E).getMessage()).contains("header at line 2 has an invalid tag");
    assertThat(error(B + "\n: x\n" + b64 + "\n" + E).getMessage()).contains("invalid tag");
    assertThat(error(B + "\n" + "x".repeat(65) + ": x\n" + b64 + "\n" + E).getMessage()).contains("invalid tag");
    assertThat(error(B + "\nx-\u00e9: x\n" + b64 + "\n" + E).getMessage()).contains("invalid tag");
    for (String s : List.of("", " \n", "junk\n" + ok, ok + ok, B + "\n" + E)) {
      assertThat(error(s).code()).isEqualTo(ErrorCode.FORMAT);
    }
  }

  @Test
  void base64ErrorsNameTheLineInTheFile() {
    String b64 = ed25519Base64();
    KeyPairException e = error(B + "\nComment: \"x\"\n" + b64.substring(0, 20) + "\n" + b64.substring(20, 40)
        + "!\n" + b64.substring(40) + "\n" + E + "\n");
    assertThat(e.code()).isEqualTo(ErrorCode.FORMAT);
    assertThat(e.getMessage()).startsWith("RFC4716 body is not valid Base64 at line 4");
    // the same with CR line ends, and with a folded header before the body
    e = error((B + "\nComment: \"x\\\ny\"\n" + b64 + "\n" + "A:" + "\n" + E + "\n").replace("\n", "\r"));
    assertThat(e.getMessage()).startsWith("RFC4716 body is not valid Base64 at line 5");
    // a header after the body has begun is body text
    e = error(B + "\n" + b64 + "\nComment: late\n" + E + "\n");
    assertThat(e.getMessage()).startsWith("RFC4716 body is not valid Base64 at line 3");
  }

  @Test
  void trailingBytesAfterTheBlobAreRejected() {
    byte[] blob = pub("ed25519").blob().toByteArray();
    String b64 = Base64.getEncoder().encodeToString(Arrays.copyOf(blob, blob.length + 1));
    KeyPairException e = error(B + "\n" + b64 + "\n" + E + "\n");
    assertThat(e.code()).isEqualTo(ErrorCode.FORMAT);
    assertThat(e.getMessage()).contains("trailing");
  }

  @Test
  void capsAndNul() {
    String ok = Fixtures.text("rsa4096.rfc4716");
    KeyPairLimits small = KeyPairLimits.builder().maxInputBytes(ok.length() - 1).build();
    assertThatThrownBy(() -> Rfc4716.parse(ok.getBytes(StandardCharsets.US_ASCII), small))
        .isInstanceOfSatisfying(KeyPairException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT_TOO_LARGE));
    KeyPairLimits shortLines = KeyPairLimits.builder().maxLineBytes(50).build();
    assertThatThrownBy(() -> Rfc4716.parse(ok.getBytes(StandardCharsets.US_ASCII), shortLines))
        .isInstanceOfSatisfying(KeyPairException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INPUT_TOO_LARGE);
          assertThat(e.getMessage()).contains("line 2");
        });
    KeyPairException nul = error(ok.replace("Comment: \"", "Comment: \"\0"));
    assertThat(nul.code()).isEqualTo(ErrorCode.FORMAT);
    assertThat(nul.getMessage()).contains("NUL byte at line 2");
  }

  /** HOSTILE 3: every truncation of every fixture is a typed error (only the final LF may go). */
  @ParameterizedTest
  @FieldSource("KEYS")
  void everyTruncationIsATypedError(String name) {
    byte[] full = Fixtures.bytes(name + ".rfc4716");
    SshPublicKey expected = Rfc4716.parse(full, KeyPairLimits.defaults()).key();
    for (int len = 0; len < full.length - 1; len++) {
      byte[] prefix = Arrays.copyOf(full, len);
      assertThatThrownBy(() -> Rfc4716.parse(prefix, KeyPairLimits.defaults())).as("prefix %d", len)
          .isInstanceOf(KeyPairException.class);
    }
    assertThat(Rfc4716.parse(Arrays.copyOf(full, full.length - 1), KeyPairLimits.defaults()).key()).isEqualTo(expected);
    for (int from = 1; from < full.length; from++) {
      byte[] suffix = Arrays.copyOfRange(full, from, full.length);
      assertThatThrownBy(() -> Rfc4716.parse(suffix, KeyPairLimits.defaults())).as("suffix from %d", from)
          .isInstanceOf(KeyPairException.class);
    }
  }

  // HOSTILE 4, every bit flip and byte change of every fixture: PublicKeysMutationTest#rfc4716

  // ------------------------------------------------------------------ writing

  @Test
  void writesNoCommentHeaderForAKeyWithoutComment() {
    SshPublicKey key = pub("ed25519").withComment(Comment.none());
    assertThat(Rfc4716.encodeToString(key)).isEqualTo(B + "\n" + ed25519Base64() + "\n" + E + "\n");
  }

  @Test
  void writesTheGivenHeadersInOrder() {
    SshPublicKey key = pub("ed25519");
    String text = Rfc4716.encodeToString(key, List.of(new Header("Subject", "me"), new Header("x-command", "/bin/true"),
        new Header("comment", "lower case tag"), new Header("x-quoted", "\"q\""), new Header("x-bs", "ends\\"),
        new Header("x-inner", "a \"b\" c"), new Header("x-empty", "")));
    assertThat(text).isEqualTo(B + "\n"
        + "Subject: me\n"
        + "x-command: /bin/true\n"
        + "comment: \"lower case tag\"\n"
        + "x-quoted: \"\"q\"\"\n"
        + "x-bs: \"ends\\\"\n"
        + "x-inner: a \"b\" c\n"
        + "x-empty: \n"
        + ed25519Base64() + "\n" + E + "\n");
    Rfc4716Key back = Rfc4716.parse(text);
    assertThat(back.headers()).containsExactly(new Header("Subject", "me"), new Header("x-command", "/bin/true"),
        new Header("comment", "lower case tag"), new Header("x-quoted", "\"q\""), new Header("x-bs", "ends\\"),
        new Header("x-inner", "a \"b\" c"), new Header("x-empty", ""));
    assertThat(back.key()).isEqualTo(key.withComment(Comment.of("lower case tag")));
    assertThat(Rfc4716.encodeToString(key, List.of())).isEqualTo(B + "\n" + ed25519Base64() + "\n" + E + "\n");
  }

  @Test
  void commentsWithQuotesAndBackslashesRoundTrip() {
    for (String c : List.of("\"", "\"\"", "say \"hi\"", "\"quoted\"", "back\\", "\\", "a\\b", " lead", "trail ",
        "tab\there", "x: y", "a END b")) {
      SshPublicKey key = pub("ed25519").withComment(Comment.of(c));
      assertThat(Rfc4716.parse(Rfc4716.encodeToString(key)).key()).as(c).isEqualTo(key);
    }
  }

  @Test
  void nonUtf8CommentsRoundTripAsBytes() {
    byte[] raw = {'a', (byte) 0xff, (byte) 0x80, 'b', (byte) 0xc3};
    SshPublicKey key = pub("ecdsa384").withComment(Comment.ofBytes(raw));
    byte[] out = Rfc4716.encode(key);
    assertThat(Rfc4716.parse(out, KeyPairLimits.defaults()).key()).isEqualTo(key);
  }

  @Test
  void longHeadersAreFoldedWithinSeventyTwoBytes() {
    String longAscii = "a fairly long comment, with commas: colons, and \"quotes\" that goes on and on ".repeat(6);
    String cjk = "\u4e2d\u6587\u6ce8\u91ca".repeat(40) + "\u00e9\u00df";
    String emoji = "key \uD83D\uDD11 ".repeat(30);
    for (String c : List.of(longAscii, cjk, emoji, "x: ".repeat(100), " END ".repeat(50),
        ":".repeat(200) + " ", "\\".repeat(150), "----END----".repeat(20), "--- ".repeat(80))) {
      SshPublicKey key = pub("rsa2048").withComment(Comment.of(c));
      byte[] out = Rfc4716.encode(key);
      List<String> lines = physicalLines(out);
      for (String line : lines) {
        assertThat(line.getBytes(StandardCharsets.ISO_8859_1).length).as(line).isLessThanOrEqualTo(72);
      }
      assertThat(Rfc4716.parse(out, KeyPairLimits.defaults()).key()).as(c).isEqualTo(key);
      assertHeaderLinesAreUtf8AndSshKeygenFriendly(lines);
    }
  }

  /** A run of dashes longer than a line cannot avoid a continuation starting with "----": still read back. */
  @Test
  void foldingFallsBackWhenTheTextLeavesNoChoice() {
    byte[] invalidUtf8 = new byte[400];
    Arrays.fill(invalidUtf8, (byte) 0x80);
    for (Comment c : List.of(Comment.of("-".repeat(300)), Comment.ofBytes(invalidUtf8))) {
      SshPublicKey key = pub("ed25519").withComment(c);
      byte[] out = Rfc4716.encode(key);
      for (String line : physicalLines(out)) {
        assertThat(line.length()).isLessThanOrEqualTo(72);
      }
      assertThat(Rfc4716.parse(out, KeyPairLimits.defaults()).key()).isEqualTo(key);
    }
  }

  @Test
  void longCustomHeadersAreFoldedToo() {
    Header h = new Header("x-" + "t".repeat(62), "v\u00e9".repeat(300));
    Header shortTag = new Header("x", "\"".repeat(3) + "y".repeat(500) + "\\");
    String text = Rfc4716.encodeToString(pub("ed25519"), List.of(h, shortTag));
    assertThat(Rfc4716.parse(text).headers()).containsExactly(h, shortTag);
    for (String line : physicalLines(text.getBytes(StandardCharsets.UTF_8))) {
      assertThat(line.getBytes(StandardCharsets.ISO_8859_1).length).isLessThanOrEqualTo(72);
    }
  }

  @Test
  void headerValueLimitAndLineBreaks() {
    SshPublicKey key = pub("ed25519");
    assertThat(Rfc4716.parse(Rfc4716.encodeToString(key.withComment(Comment.of("c".repeat(1022))))).key().comment())
        .isEqualTo(Comment.of("c".repeat(1022)));
    assertThatThrownBy(() -> Rfc4716.encodeToString(key.withComment(Comment.of("c".repeat(1023)))))
        .isInstanceOfSatisfying(KeyPairException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNREPRESENTABLE));
    assertThatThrownBy(() -> Rfc4716.encodeToString(key, List.of(new Header("x", "v".repeat(1025)))))
        .isInstanceOfSatisfying(KeyPairException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNREPRESENTABLE));
    for (String bad : List.of("a\nb", "a\rb", "a\0b")) {
      assertThatThrownBy(() -> Rfc4716.encodeToString(key.withComment(Comment.of(bad))))
          .isInstanceOfSatisfying(KeyPairException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNREPRESENTABLE));
      assertThatThrownBy(() -> new Header("x", bad)).isInstanceOf(IllegalArgumentException.class);
    }
    for (String badTag : List.of("", "a b", "a:b", "x".repeat(65), "\u00e9", "tab\t")) {
      assertThatThrownBy(() -> new Header(badTag, "v")).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(new Header("x".repeat(64), "v").tag()).hasSize(64);
  }

  @Test
  void writesEveryKindOfKey() {
    for (String name : Fixtures.CERTIFICATES) {
      SshPublicKey key = pub(name);
      assertThat(Rfc4716.parse(Rfc4716.encodeToString(key)).key()).isEqualTo(key);
    }
    SshPublicKey rsa = SshPublicKey.of(TestKeys.randomRsa(new java.util.Random(1), 16384), Comment.of("big"));
    assertThat(Rfc4716.parse(Rfc4716.encodeToString(rsa)).key()).isEqualTo(rsa);
  }

  /** The lines of a file, line ends removed. */
  static List<String> physicalLines(byte[] out) {
    String s = new String(out, StandardCharsets.ISO_8859_1);
    assertThat(s).endsWith("\n").doesNotContain("\r");
    return Arrays.asList(s.substring(0, s.length() - 1).split("\n", -1));
  }

  /**
   * No header line splits a UTF-8 sequence, and the folding follows what ssh-keygen -i needs wherever
   * the text allows it (for these texts it always does).
   */
  static void assertHeaderLinesAreUtf8AndSshKeygenFriendly(List<String> lines) {
    boolean continued = false;
    for (String line : lines.subList(1, lines.size() - 1)) {
      byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
      boolean header = continued || line.contains(":");
      if (!header) {
        break;
      }
      boolean continues = line.endsWith("\\");
      byte[] content = continues ? Arrays.copyOf(b, b.length - 1) : b;
      try {
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(content));
      } catch (CharacterCodingException e) {
        throw new AssertionError("header line is not UTF-8 on its own: " + line, e);
      }
      if (continued) {
        assertThat(line).as("continuation line").doesNotContain(": ").doesNotStartWith("----");
      } else {
        assertThat(line).as("first header line").doesNotContain(" END ");
      }
      continued = continues;
    }
  }

  static byte[] concat(byte[]... parts) {
    List<Byte> all = new ArrayList<>();
    for (byte[] p : parts) {
      for (byte b : p) {
        all.add(b);
      }
    }
    byte[] out = new byte[all.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = all.get(i);
    }
    return out;
  }
}
