package dev.keypair.testkit.properties;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.formats.AuthorizedKeyEntry;
import dev.keypair.formats.AuthorizedKeys;
import dev.keypair.formats.AuthorizedKeysLine;
import dev.keypair.formats.AuthorizedKeysLine.Other;
import dev.keypair.testkit.AuthorizedKeysLines;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** authorized_keys entries and files round trip through keypair's parser and encoder, which are total. */
class AuthorizedKeysProperties {

  /** An entry made through the API is written canonically and reads back equal, to the same bytes. */
  @Property(tries = 500)
  void entriesRoundTrip(@ForAll("entries") AuthorizedKeyEntry entry) {
    byte[] line = entry.toBytes();
    AuthorizedKeyEntry read = AuthorizedKeys.parseEntry(line, KeyPairLimits.defaults());
    assertThat(read).isEqualTo(entry);
    assertThat(read.toBytes()).isEqualTo(line);
  }

  /** A file of entries, comments and blank lines reads back equal, and writes back byte for byte. */
  @Property(tries = 200)
  void filesRoundTrip(@ForAll("files") List<AuthorizedKeysLine> lines) {
    byte[] file = AuthorizedKeys.encode(lines);
    List<AuthorizedKeysLine> read = AuthorizedKeys.parse(file, KeyPairLimits.defaults());
    assertThat(read).isEqualTo(lines);
    assertThat(AuthorizedKeys.encode(read)).isEqualTo(file);
    assertThat(AuthorizedKeys.stream(new ByteArrayInputStream(file), KeyPairLimits.defaults())
        .collect(Collectors.toList())).isEqualTo(lines);
  }

  /**
   * On arbitrary text, parse never throws, and writes the text back byte for byte when its last line
   * ends in LF; the stream reads the same lines.
   */
  @Property(tries = 2000)
  void parseIsTotalAndExact(@ForAll("texts") byte[] text) {
    List<AuthorizedKeysLine> lines = AuthorizedKeys.parse(text, KeyPairLimits.defaults());
    if (text.length == 0 || text[text.length - 1] == '\n') {
      assertThat(AuthorizedKeys.encode(lines)).isEqualTo(text);
    }
    assertThat(AuthorizedKeys.stream(new ByteArrayInputStream(text), KeyPairLimits.defaults())
        .collect(Collectors.toList())).isEqualTo(lines);
  }

  /** On arbitrary text, parseEntry returns an entry or throws KeyPairException, nothing else. */
  @Property(tries = 2000)
  void parseEntryIsTotal(@ForAll("texts") byte[] text) {
    try {
      AuthorizedKeyEntry e = AuthorizedKeys.parseEntry(text, KeyPairLimits.defaults());
      assertThat(e.key()).isNotNull();
    } catch (KeyPairException expected) {
      assertThat(expected.getMessage()).doesNotContain("\n");
    }
  }

  // ------------------------------------------------------------------ generators

  /**
   * Entries of {@link AuthorizedKeysLines#optionLists()} on the testkit's keys and the fixtures, with comments
   * of any bytes (these tests work on bytes, not on the testkit's text).
   */
  @Provide
  Arbitrary<AuthorizedKeyEntry> entries() {
    return Combinators.combine(AuthorizedKeysLines.optionLists(), KeysAndFixtures.publicKeys())
        .as(AuthorizedKeyEntry::of);
  }

  @Provide
  Arbitrary<List<AuthorizedKeysLine>> files() {
    Arbitrary<AuthorizedKeysLine> comment = Arbitraries.strings().withCharRange(' ', '~').withChars('\t', '\u00e9')
        .ofMaxLength(40).map(s -> (AuthorizedKeysLine) Other.comment("#" + s));
    Arbitrary<AuthorizedKeysLine> blank = Arbitraries.just(Other.blank());
    Arbitrary<AuthorizedKeysLine> entry = entries().map(e -> e);
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, entry), net.jqwik.api.Tuple.of(2, comment),
        net.jqwik.api.Tuple.of(1, blank)).list().ofMaxSize(12);
  }

  @Provide
  Arbitrary<byte[]> texts() {
    Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    Arbitrary<String> token = Arbitraries.oneOf(
        Arbitraries.of("ssh-ed25519", "ssh-rsa", "no-pty", "command=\"x\"", "command=\"", "\"", "\\\"", ",", "=",
            "restrict,", "#", "AAAAC3NzaC1lZDI1NTE5AAAAIC315QJSA3bk4PIVWqvk3DeMxpMWA8pBSwBQ8fFGgmiR", "AAAA",
            "permitopen=\"[::1]:22\"", "tunnel=\"99999999999\"", "expiry-time=\"20301231Z\"", "\r", "\n", "\t", " "),
        Arbitraries.strings().withChars("abAB01+/=,\"\\ \t#\r\n-").ofMaxLength(20));
    Arbitrary<byte[]> structured = token.list().ofMaxSize(12)
        .map(ts -> String.join(" ", ts).getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> mutated = Combinators.combine(entries(), Arbitraries.integers(), Arbitraries.bytes())
        .as((e, pos, b) -> {
          byte[] out = e.toBytes();
          if (out.length > 0) {
            out[Math.floorMod(pos, out.length)] = b;
          }
          return out;
        });
    Arbitrary<byte[]> files = files().map(AuthorizedKeys::encode);
    Arbitrary<byte[]> crlf = Arbitraries.oneOf(structured, files)
        .map(b -> new String(b, StandardCharsets.UTF_8).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    return Arbitraries.oneOf(raw, structured, mutated, files, crlf);
  }
}
