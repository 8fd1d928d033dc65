package dev.keypair.testkit;

import dev.keypair.core.SshPublicKey;
import dev.keypair.formats.AuthorizedKeyOption;
import dev.keypair.formats.OpenSshPublicKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Arbitraries of {@code authorized_keys} lines and files with options, as sshd(8) reads them
 * ("AUTHORIZED_KEYS FILE FORMAT"), for {@code @Provide} methods.
 */
public final class AuthorizedKeysLines {

  /** The options sshd refuses to see twice on one line. */
  private static final Set<String> SINGLE = Set.of("command", "from", "principals");

  private AuthorizedKeysLines() {}

  /**
   * Options sshd accepts, each with a value that satisfies its rule: every flag ({@code no-pty},
   * {@code restrict}, {@code cert-authority}, ...); {@code command}, {@code from} and {@code principals} with
   * any text (printable ASCII, tabs, UTF-8, double quotes and backslashes, but no final backslash, which would
   * escape the closing quote); {@code environment=NAME=value}; {@code expiry-time} as {@code YYYYMMDD[HHMM[SS]]}
   * with or without {@code Z}/{@code UTC}; {@code permitopen}, {@code permitlisten} with hosts (names, IPv4,
   * bracketed IPv6, {@code *}) and ports; {@code tunnel} numbers. Shrinks towards flags and shorter values.
   */
  public static Arbitrary<AuthorizedKeyOption> options() {
    Arbitrary<AuthorizedKeyOption> flags = Arbitraries.of(AuthorizedKeyOption.knownNames().stream()
        .filter(AuthorizedKeyOption::isFlag).toList()).map(AuthorizedKeyOption::flag);
    Arbitrary<String> text = Arbitraries.strings().withCharRange(' ', '~').withChars('\t', 'é', '中')
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
            String.format(Locale.ROOT, "%04d%02d%02d%02d%02d%02d", y, mo, d, h, mi, mi).substring(0, len) + zone));
    Arbitrary<String> host = Arbitraries.oneOf(
        Arbitraries.strings().withCharRange('a', 'z').withChars('.', '-').ofMinLength(1).ofMaxLength(30),
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

  /**
   * Lists of up to 6 {@link #options()} that one line may carry: {@code command}, {@code from} and
   * {@code principals} at most once each. Shrinks towards fewer options.
   */
  public static Arbitrary<List<AuthorizedKeyOption>> optionLists() {
    return options().list().ofMaxSize(6).uniqueElements(o -> SINGLE.contains(o.name()) ? o.name() : o);
  }

  /**
   * {@code authorized_keys} lines: {@link #optionLists()} on keys of {@link SshKeys#publicKeys()} with UTF-8
   * comments (the text is a String), rendered as sshd reads them: option names in sshd's spelling or upper case,
   * values in double quotes with {@code \"} for an inner quote, one or two spaces or tabs before the key (sshd
   * skips any run of blanks there; {@code ssh-keygen -l} 9.2 only one).
   * Shrinks towards fewer options, then as the keys do (shorter comments).
   */
  public static Arbitrary<AuthorizedKeysLineSample> lines() {
    return lines(SshKeys.publicKeys().withComments(SshKeys.comments().filter(EncodedKeys::isUtf8)));
  }

  /** {@link #lines()} on keys drawn from {@code keys}; keys with a comment that is not UTF-8 are filtered out. */
  public static Arbitrary<AuthorizedKeysLineSample> lines(Arbitrary<SshPublicKey> keys) {
    Arbitrary<String> separators = Arbitraries.of(" ", "\t", "  ", " \t");
    return Combinators.combine(optionLists(), keys.filter(k -> EncodedKeys.isUtf8(k.comment())),
        Arbitraries.of(false, true), separators).as(AuthorizedKeysLines::render);
  }

  /**
   * Whole {@code authorized_keys} files: up to 12 lines, {@link #lines()} mostly, with blank lines and
   * {@code #} comment lines among them, each ending in LF. Shrinks towards fewer lines.
   */
  public static Arbitrary<AuthorizedKeysFileSample> files() {
    Arbitrary<Object> comment = Arbitraries.strings().withCharRange(' ', '~').withChars('\t', 'é').ofMaxLength(40)
        .map(s -> "#" + s);
    Arbitrary<Object> blank = Arbitraries.of("", " ", "\t");
    Arbitrary<Object> entry = lines().map(l -> l);
    return Arbitraries.frequencyOf(Tuple.of(6, entry), Tuple.of(2, comment), Tuple.of(1, blank)).list().ofMaxSize(12)
        .map(AuthorizedKeysLines::file);
  }

  private static AuthorizedKeysFileSample file(List<Object> lines) {
    List<AuthorizedKeysLineSample> entries = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (Object line : lines) {
      if (line instanceof AuthorizedKeysLineSample s) {
        entries.add(s);
        text.append(s.text());
      } else {
        text.append((String) line);
      }
      text.append('\n');
    }
    return new AuthorizedKeysFileSample(entries, text.toString());
  }

  private static AuthorizedKeysLineSample render(List<AuthorizedKeyOption> options, SshPublicKey key,
      boolean upperCaseNames, String separator) {
    StringBuilder line = new StringBuilder();
    for (AuthorizedKeyOption o : options) {
      if (line.length() > 0) {
        line.append(',');
      }
      line.append(upperCaseNames ? o.name().toUpperCase(Locale.ROOT) : o.name());
      if (o.hasValue()) {
        line.append("=\"").append(o.value().replace("\"", "\\\"")).append('"');
      }
    }
    if (!options.isEmpty()) {
      line.append(separator);
    }
    line.append(OpenSshPublicKeys.encodeToString(key));
    return new AuthorizedKeysLineSample(key, options, line.toString());
  }
}
