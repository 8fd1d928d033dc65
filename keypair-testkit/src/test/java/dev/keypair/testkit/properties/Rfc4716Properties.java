package dev.keypair.testkit.properties;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.SshPublicKey;
import dev.keypair.formats.Rfc4716;
import dev.keypair.formats.Rfc4716.Header;
import dev.keypair.formats.Rfc4716Key;
import dev.keypair.testsupport.TestKeys;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** RFC 4716 round trips on the testkit's keys and the fixtures, and the decoder's totality. */
class Rfc4716Properties {

  /** parse(encode(k)) == k, comment bytes included (the byte path keeps comments that are not UTF-8). */
  @Property(tries = 300)
  void roundTrip(@ForAll("keys") SshPublicKey key) {
    byte[] out = Rfc4716.encode(key);
    assertThat(Rfc4716.parse(out, KeyPairLimits.defaults()).key()).isEqualTo(key);
    for (String line : lines(out)) {
      assertThat(line.length()).isLessThanOrEqualTo(72);
    }
    if (isUtf8(key.comment().bytes().toByteArray())) {
      assertThat(Rfc4716.parse(Rfc4716.encodeToString(key)).key()).isEqualTo(key);
    }
  }

  /** Any headers read back as written, and are folded within 72-byte lines. */
  @Property(tries = 300)
  void headersRoundTrip(@ForAll("headerLists") List<Header> headers) {
    SshPublicKey key = SshPublicKey.of(TestKeys.ed25519(1));
    String text = Rfc4716.encodeToString(key, headers);
    Rfc4716Key back = Rfc4716.parse(text);
    assertThat(back.headers()).isEqualTo(headers);
    List<String> lines = lines(text.getBytes(StandardCharsets.UTF_8));
    for (String line : lines) {
      assertThat(line.length()).isLessThanOrEqualTo(72);
    }
  }

  /** On arbitrary bytes the decoder returns a key or throws KeyPairException, nothing else. */
  @Property(tries = 3000)
  void decoderIsTotal(@ForAll("texts") byte[] text) {
    try {
      assertThat(Rfc4716.parse(text, KeyPairLimits.defaults()).key()).isNotNull();
    } catch (KeyPairException expected) {
      assertThat(expected.getMessage()).doesNotContain("\n");
    }
  }

  @Provide
  Arbitrary<SshPublicKey> keys() {
    return KeysAndFixtures.publicKeys();
  }

  @Provide
  Arbitrary<List<Header>> headerLists() {
    Arbitrary<String> tags = Arbitraries.oneOf(
        Arbitraries.of("Comment", "Subject", "x-command", "COMMENT", "x-" + "t".repeat(62)),
        Arbitraries.strings().withCharRange('!', '~').excludeChars(':').ofMinLength(1).ofMaxLength(64));
    Arbitrary<String> values = Arbitraries.oneOf(
        Arbitraries.strings().withCharRange(' ', '~').withChars('\t', '\u00e9', '\u4e2d', '\\', '"').ofMaxLength(300),
        Arbitraries.of("", "\"", "\"\"", "\\", "a\\", "\"x\"", " END ", ": ", "----", "-".repeat(100)),
        Arbitraries.strings().withChars("-: END\\\"\u00e9").ofMaxLength(200));
    Arbitrary<Header> header = Combinators.combine(tags, values).as(Header::new)
        .filter(h -> h.value().getBytes(StandardCharsets.UTF_8).length <= 1022);
    return header.list().ofMaxSize(5);
  }

  @Provide
  Arbitrary<byte[]> texts() {
    Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    Arbitrary<String> line = Arbitraries.oneOf(
        Arbitraries.of(Rfc4716.BEGIN_MARKER, Rfc4716.END_MARKER, "", "Comment: \"x\"", "x-a: b\\", "\\",
            "AAAAC3NzaC1lZDI1NTE5AAAAIC315QJSA3bk4PIVWqvk3DeMxpMWA8pBSwBQ8fFGgmiR", "AAAA", "===="),
        Arbitraries.strings().withChars("ABab01+/=: \t\\\"-\r").ofMaxLength(80));
    Arbitrary<byte[]> structured = line.list().ofMaxSize(8).map(ls -> {
      StringBuilder sb = new StringBuilder(Rfc4716.BEGIN_MARKER).append('\n');
      ls.forEach(l -> sb.append(l).append('\n'));
      return sb.append(Rfc4716.END_MARKER).append('\n').toString().getBytes(StandardCharsets.UTF_8);
    });
    Arbitrary<byte[]> mutated = Combinators.combine(KeysAndFixtures.publicKeys(), Arbitraries.integers(), Arbitraries.bytes())
        .as((k, pos, b) -> {
          byte[] out;
          try {
            out = Rfc4716.encode(k);
          } catch (KeyPairException e) {
            return new byte[0];
          }
          out = Arrays.copyOf(out, out.length);
          out[Math.floorMod(pos, out.length)] = b;
          return out;
        });
    return Arbitraries.oneOf(raw, structured, mutated);
  }

  /** The lines of an encoder's output, which end in LF only, line ends removed. */
  private static List<String> lines(byte[] out) {
    String s = new String(out, StandardCharsets.ISO_8859_1);
    assertThat(s).endsWith("\n").doesNotContain("\r");
    return Arrays.asList(s.substring(0, s.length() - 1).split("\n", -1));
  }

  private static boolean isUtf8(byte[] b) {
    return Arrays.equals(new String(b, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8), b);
  }
}
