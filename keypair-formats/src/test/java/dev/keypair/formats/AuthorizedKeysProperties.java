package dev.keypair.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.SshPublicKey;
import dev.keypair.formats.AuthorizedKeysLine.Other;
import dev.keypair.testsupport.TestKeys;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

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

  /** Keys whose comment an OpenSSH line can carry: it may not start with white space (see the report). */
  @Provide
  Arbitrary<SshPublicKey> keys() {
    return TestKeys.publicKeys().filter(k -> {
      byte[] c = k.comment().bytes().toByteArray();
      return c.length == 0 || (c[0] != ' ' && c[0] != '\t' && c[0] != '\r');
    });
  }

  @Provide
  Arbitrary<AuthorizedKeyEntry> entries() {
    return Combinators.combine(options().list().ofMaxSize(6), keys()).as((o, k) -> {
      try {
        return AuthorizedKeyEntry.of(o, k);
      } catch (KeyPairException repeated) {
        return AuthorizedKeyEntry.of(k); // a repeated command, from or principals
      }
    });
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

  /** Options from sshd's set, with values that satisfy their rules and names in random case. */
  Arbitrary<AuthorizedKeyOption> options() {
    Arbitrary<AuthorizedKeyOption> flags = Combinators.combine(
        Arbitraries.of(AuthorizedKeyOption.knownNames().stream().filter(AuthorizedKeyOption::isFlag)
            .collect(Collectors.toList())),
        Arbitraries.of(true, false))
        .as((n, upper) -> AuthorizedKeyOption.flag(upper ? n.toUpperCase(Locale.ROOT) : n));
    Arbitrary<String> text = Arbitraries.strings().withCharRange(' ', '~').withChars('\t', '\u00e9', '\u4e2d')
        .ofMaxLength(60).filter(s -> !s.endsWith("\\"));
    Arbitrary<AuthorizedKeyOption> free = Combinators.combine(Arbitraries.of("command", "from", "principals"), text)
        .as(AuthorizedKeyOption::of);
    Arbitrary<AuthorizedKeyOption> env = Combinators.combine(
        Arbitraries.strings().withCharRange('A', 'Z').withCharRange('a', 'z').withCharRange('0', '9').withChars('_')
            .ofMinLength(1).ofMaxLength(12),
        text).as((n, v) -> AuthorizedKeyOption.of("environment", n + "=" + v));
    Arbitrary<AuthorizedKeyOption> expiry = Combinators.combine(
        Arbitraries.integers().between(1970, 9999), Arbitraries.integers().between(1, 12),
        Arbitraries.integers().between(1, 28), Arbitraries.integers().between(0, 23),
        Arbitraries.integers().between(0, 59), Arbitraries.of(8, 12, 14), Arbitraries.of("", "Z", "z", "UTC", "utc"))
        .as((y, mo, d, h, mi, len, zone) -> AuthorizedKeyOption.of("expiry-time",
            String.format("%04d%02d%02d%02d%02d%02d", y, mo, d, h, mi, mi).substring(0, len) + zone));
    Arbitrary<String> host = Arbitraries.oneOf(
        Arbitraries.strings().withCharRange('a', 'z').withChars('.', '-').ofMinLength(1).ofMaxLength(30)
            .filter(h -> h.indexOf('/') < 0),
        Arbitraries.of("*", "10.0.0.1", "[::1]", "[fe80::1%eth0]", "[2001:db8::42]", "localhost"));
    Arbitrary<String> port = Arbitraries.oneOf(Arbitraries.integers().between(1, 65535).map(String::valueOf),
        Arbitraries.just("*"));
    Arbitrary<AuthorizedKeyOption> permitopen = Combinators.combine(host, port)
        .as((h, p) -> AuthorizedKeyOption.of("permitopen", h + ":" + p));
    Arbitrary<AuthorizedKeyOption> permitlisten = Combinators.combine(host, port, Arbitraries.of(true, false))
        .as((h, p, bare) -> AuthorizedKeyOption.of("permitlisten", bare ? p : h + ":" + p));
    Arbitrary<AuthorizedKeyOption> tunnel = Arbitraries.integers().between(0, Integer.MAX_VALUE - 2)
        .map(t -> AuthorizedKeyOption.of("tunnel", String.valueOf(t)));
    return Arbitraries.oneOf(flags, free, env, expiry, permitopen, permitlisten, tunnel);
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
