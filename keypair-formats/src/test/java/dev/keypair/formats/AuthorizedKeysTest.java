package dev.keypair.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypair.core.Comment;
import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.SshPublicKey;
import dev.keypair.formats.AuthorizedKeysLine.Other;
import dev.keypair.formats.AuthorizedKeysLine.Other.Kind;
import dev.keypair.testsupport.Fixtures;
import dev.keypair.testsupport.Vectors;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AuthorizedKeysTest {

  private static String line(String fixture) {
    return Fixtures.line(fixture + ".pub");
  }

  /** The fixture's type and base64, without its comment. */
  private static String bare(String fixture) {
    String[] f = line(fixture).split(" ");
    return f[0] + " " + f[1];
  }

  private static SshPublicKey key(String fixture) {
    return OpenSshPublicKeys.parse(Fixtures.bytes(fixture + ".pub"));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static AuthorizedKeyEntry entry(AuthorizedKeysLine l) {
    assertThat(l).isInstanceOf(AuthorizedKeyEntry.class);
    return (AuthorizedKeyEntry) l;
  }

  private static KeyPairException invalid(AuthorizedKeysLine l) {
    assertThat(l).isInstanceOf(Other.class);
    Other o = (Other) l;
    assertThat(o.kind()).isEqualTo(Kind.INVALID);
    return o.error().orElseThrow();
  }

  // ------------------------------------------------------------------ vectors

  @Test
  void optionsVectorIsOneEntryWithItsOptions() {
    byte[] file = Vectors.bytes("invalid/authorized_keys_options.txt");
    List<AuthorizedKeysLine> lines = AuthorizedKeys.parse(file, KeyPairLimits.defaults());
    assertThat(lines).hasSize(1);
    AuthorizedKeyEntry e = entry(lines.get(0));
    assertThat(e.options()).containsExactly(AuthorizedKeyOption.of("command", "/bin/false"),
        AuthorizedKeyOption.flag("no-pty"));
    assertThat(e.key().type().sshName()).isEqualTo("ssh-ed25519");
    assertThat(e.key().comment().isEmpty()).isTrue();
    assertThat(AuthorizedKeys.encode(lines)).isEqualTo(file);
    assertThat(AuthorizedKeys.parseEntry(file, KeyPairLimits.defaults())).isEqualTo(e);
  }

  @Test
  void leadingCommentVectorIsACommentAndOneEntry() {
    byte[] file = Vectors.bytes("invalid/leading_comment_line.txt");
    List<AuthorizedKeysLine> lines = AuthorizedKeys.parse(file, KeyPairLimits.defaults());
    assertThat(lines).hasSize(2);
    assertThat(((Other) lines.get(0)).kind()).isEqualTo(Kind.COMMENT);
    assertThat(lines.get(0).toBytes()).isEqualTo(utf8("# my key"));
    assertThat(entry(lines.get(1)).options()).isEmpty();
    assertThat(lines.stream().filter(l -> l instanceof AuthorizedKeyEntry).count()).isEqualTo(1);
    assertThat(AuthorizedKeys.encode(lines)).isEqualTo(file);
  }

  @Test
  void twoKeysVectorIsTwoEntries() {
    byte[] file = Vectors.bytes("invalid/two_keys.txt");
    List<AuthorizedKeysLine> lines = AuthorizedKeys.parse(file, KeyPairLimits.defaults());
    assertThat(lines.stream().filter(l -> l instanceof AuthorizedKeyEntry).count()).isEqualTo(2);
  }

  // ------------------------------------------------------------------ options

  @Test
  void escapedQuotesInValues() {
    AuthorizedKeyEntry e = AuthorizedKeys.parseEntry(
        "command=\"echo \\\"hi\\\" \\\\n \\x\",from=\"a\\\"b\" " + line("ed25519"));
    assertThat(e.option("command").orElseThrow().value()).isEqualTo("echo \"hi\" \\\\n \\x");
    assertThat(e.option("FROM").orElseThrow().value()).isEqualTo("a\"b");
    assertThat(e.key()).isEqualTo(key("ed25519"));
    assertThat(AuthorizedKeyEntry.of(e.options(), e.key()).toBytes()).isEqualTo(e.toBytes());
  }

  @Test
  void everyKnownOptionOnOneLine() {
    String opts = "agent-forwarding,cert-authority,command=\"/bin/ls -l\",environment=\"A=b\","
        + "expiry-time=\"20301231235959Z\",from=\"*.example.com\",no-agent-forwarding,no-port-forwarding,no-pty,"
        + "no-user-rc,no-X11-forwarding,no-touch-required,permitlisten=\"localhost:8080\",permitopen=\"[::1]:22\","
        + "port-forwarding,principals=\"alice,bob\",pty,restrict,tunnel=\"1\",user-rc,verify-required,"
        + "X11-forwarding,touch-required,no-verify-required";
    AuthorizedKeyEntry e = AuthorizedKeys.parseEntry(opts + " " + line("rsa2048"));
    assertThat(e.options()).hasSize(AuthorizedKeyOption.knownNames().size());
    assertThat(e.options().stream().map(AuthorizedKeyOption::name).collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(AuthorizedKeyOption.knownNames());
    assertThat(new String(e.toBytes(), StandardCharsets.UTF_8)).isEqualTo(opts + " " + line("rsa2048"));
    assertThat(AuthorizedKeyEntry.of(e.options(), e.key()).toBytes()).isEqualTo(e.toBytes());
  }

  @Test
  void caseVariationsKeepTheirSpellingUntilChanged() {
    String text = "NO-PTY,Command=\"x\",No-X11-Forwarding,PERMITOPEN=\"h:1\" " + bare("ecdsa256");
    AuthorizedKeyEntry e = AuthorizedKeys.parseEntry(text);
    assertThat(e.options()).containsExactly(AuthorizedKeyOption.flag("no-pty"), AuthorizedKeyOption.of("command", "x"),
        AuthorizedKeyOption.flag("no-X11-forwarding"), AuthorizedKeyOption.of("permitopen", "h:1"));
    assertThat(e.toBytes()).isEqualTo(utf8(text));
    assertThat(e.option("no-x11-FORWARDING")).isPresent();
    AuthorizedKeyEntry changed = e.withKey(e.key().withComment(Comment.of("new")));
    assertThat(new String(changed.toBytes(), StandardCharsets.UTF_8))
        .isEqualTo("no-pty,command=\"x\",no-X11-forwarding,permitopen=\"h:1\" " + bare("ecdsa256") + " new");
  }

  @Test
  void badOptionsMakeInvalidLinesNamingTheOption() {
    String k = line("ed25519");
    List<AuthorizedKeysLine> lines = AuthorizedKeys.parse(String.join("\n",
        "bogus " + k,                                   // 1 unknown option
        "no-pty,bogus=\"x\" " + k,                      // 2 unknown option with a value
        "no-pty=\"x\" " + k,                            // 3 flag with a value
        "command " + k,                                 // 4 missing value
        "command=ls " + k,                              // 5 unquoted value
        "tunnel=\"x\" " + k,                            // 6 bad value
        "no-pty,,pty " + k,                             // 7 empty option
        "no-pty, " + k,                                 // 8 trailing comma
        "command=\"a\",command=\"b\" " + k,             // 9 repeated command
        "no-pty\"x\" " + k,                             // 10 quote after a name
        "expiry-time=\"2030\" " + k,                    // 11 bad date
        "permitopen=\"nohost\" " + k) + "\n");          // 12 bad permitopen
    assertThat(lines).hasSize(12);
    String[] named = {"'bogus'", "'bogus'", "'no-pty'", "'command'", "'command'", "'tunnel'", "empty option",
        "empty option", "'command'", "'no-pty'", "'expiry-time'", "'permitopen'"};
    for (int i = 0; i < lines.size(); i++) {
      KeyPairException e = invalid(lines.get(i));
      assertThat(e.code()).as("line %d", i + 1).isEqualTo(ErrorCode.INVALID_OPTION);
      assertThat(e.getMessage()).as("line %d", i + 1).startsWith("authorized_keys line " + (i + 1) + ": ")
          .contains(named[i]).doesNotContain("AAAA");
    }
  }

  @Test
  void unterminatedQuoteIsAFormatError() {
    KeyPairException e = invalid(AuthorizedKeys.parse("command=\"ls " + line("ed25519") + "\n").get(0));
    assertThat(e.code()).isEqualTo(ErrorCode.FORMAT);
    assertThat(e.getMessage()).contains("'command'").contains("no closing quote");
    assertThatThrownBy(() -> AuthorizedKeys.parseEntry("from=\"a\\\" " + line("ed25519")))
        .isInstanceOfSatisfying(KeyPairException.class, x -> assertThat(x.code()).isEqualTo(ErrorCode.FORMAT));
  }

  @Test
  void keyErrorsAfterAKeyTypeAreReportedAsSuch() {
    String[] f = line("ed25519").split(" ");
    List<AuthorizedKeysLine> lines = AuthorizedKeys.parse(String.join("\n",
        "ssh-ed25519 AAAAbroken!",
        "ssh-rsa " + f[1],
        "ssh-ed25519",
        "no-pty",
        "no-pty ssh-ed25519 AAAA",
        "ssh-ed25519-cert-v01@openssh.com " + f[1]));
    assertThat(invalid(lines.get(0)).code()).isEqualTo(ErrorCode.FORMAT);
    assertThat(invalid(lines.get(0)).getMessage()).contains("Base64");
    assertThat(invalid(lines.get(1)).code()).isEqualTo(ErrorCode.TYPE_MISMATCH);
    assertThat(invalid(lines.get(2)).getMessage()).contains("no key data");
    assertThat(invalid(lines.get(3)).getMessage()).contains("options but no key");
    assertThat(invalid(lines.get(4)).code()).isEqualTo(ErrorCode.FORMAT);
    assertThat(invalid(lines.get(5)).code()).isEqualTo(ErrorCode.TYPE_MISMATCH);
  }

  // ------------------------------------------------------------------ lines and round trips

  @Test
  void commentsBlankAndInvalidLinesAreKeptByteForByte() {
    byte[] nonUtf8Comment = {'s', 's', 'h', '-', 'e', 'd', '2', '5', '5', '1', '9', ' '};
    byte[] file = Rfc4716Test.concat(utf8("# header comment\n"
        + "\n"
        + "   \t \n"
        + "  # indented comment\n"
        + "\t" + line("ed25519") + "   \n"
        + "no-pty,command=\"x\"\t" + line("rsa2048") + "\n"
        + "  restrict   " + bare("ecdsa256") + " spaced   comment \n"
        + "garbage line\n"
        + bare("dsa1024") + "\r" + "inner cr\n"
        + line("rsa2048-user-cert") + "\n"),
        nonUtf8Comment, utf8(line("ed25519").split(" ")[1] + " caf"), new byte[] {(byte) 0xe9, '\n'},
        utf8("cert-authority " + line("ca_ed25519") + "\n"));
    List<AuthorizedKeysLine> lines = AuthorizedKeys.parse(file, KeyPairLimits.defaults());
    assertThat(lines).hasSize(12);
    assertThat(lines.stream().map(l -> l instanceof Other o ? o.kind().name() : "ENTRY"))
        .containsExactly("COMMENT", "BLANK", "BLANK", "COMMENT", "ENTRY", "ENTRY", "ENTRY", "INVALID", "ENTRY",
            "ENTRY", "ENTRY", "ENTRY");
    assertThat(entry(lines.get(4)).key().comment()).isEqualTo(Comment.of("keypair fixture ed25519   "));
    assertThat(entry(lines.get(6)).key().comment()).isEqualTo(Comment.of("spaced   comment "));
    assertThat(entry(lines.get(8)).key().comment()).isEqualTo(Comment.of("inner cr"));
    assertThat(entry(lines.get(10)).key().comment().bytes().toByteArray())
        .isEqualTo(new byte[] {'c', 'a', 'f', (byte) 0xe9});
    assertThat(entry(lines.get(11)).option("cert-authority")).isPresent();
    assertThat(AuthorizedKeys.encode(lines)).isEqualTo(file);
    assertThat(AuthorizedKeys.encode(AuthorizedKeys.stream(new ByteArrayInputStream(file), KeyPairLimits.defaults())
        .collect(Collectors.toList()))).isEqualTo(file);
  }

  @Test
  void crlfLinesReadLikeLfAndKeepTheirLineEnds() {
    String lf = "# c\n\nno-pty " + line("ed25519") + "\n" + line("rsa2048") + "\nbogus\n";
    String crlf = lf.replace("\n", "\r\n");
    List<AuthorizedKeysLine> fromLf = AuthorizedKeys.parse(lf);
    List<AuthorizedKeysLine> fromCrlf = AuthorizedKeys.parse(crlf);
    assertThat(fromCrlf).isEqualTo(fromLf);
    assertThat(entry(fromCrlf.get(3)).key().comment()).isEqualTo(Comment.of("keypair fixture rsa2048"));
    assertThat(fromCrlf.get(2).toBytes()).isEqualTo(fromLf.get(2).toBytes());
    assertThat(AuthorizedKeys.encode(fromCrlf)).isEqualTo(utf8(crlf));
    assertThat(AuthorizedKeys.encode(fromLf)).isEqualTo(utf8(lf));

    // mixed line ends come back as they were
    String mixed = "# c\r\n\n" + line("ed25519") + "\r\n\r\n" + line("rsa2048") + "\n";
    assertThat(AuthorizedKeys.encode(AuthorizedKeys.parse(mixed))).isEqualTo(utf8(mixed));

    // a changed line keeps its CRLF, a new one gets LF
    List<AuthorizedKeysLine> edited = new java.util.ArrayList<>(fromCrlf);
    edited.set(2, entry(edited.get(2)).withOptions(List.of()));
    edited.add(AuthorizedKeyEntry.of(key("ecdsa384")));
    assertThat(new String(AuthorizedKeys.encode(edited), StandardCharsets.UTF_8)).isEqualTo(
        "# c\r\n\r\n" + line("ed25519") + "\r\n" + line("rsa2048") + "\r\nbogus\r\n" + line("ecdsa384") + "\n");

    // a last line without a line end gets one
    assertThat(AuthorizedKeys.encode(AuthorizedKeys.parse(lf.substring(0, lf.length() - 1))))
        .isEqualTo(utf8(lf));
    assertThat(AuthorizedKeys.encode(AuthorizedKeys.parse(crlf.substring(0, crlf.length() - 1))))
        .isEqualTo(utf8(crlf));
  }

  @Test
  void emptyInputs() {
    assertThat(AuthorizedKeys.parse("")).isEmpty();
    assertThat(AuthorizedKeys.parse("\n")).containsExactly(Other.blank());
    assertThat(AuthorizedKeys.encode(List.of())).isEmpty();
    assertThat(AuthorizedKeys.stream(new ByteArrayInputStream(new byte[0]), KeyPairLimits.defaults()).count()).isZero();
  }

  @Test
  void nulAndOverLongLinesAreInvalid() {
    KeyPairLimits limits = KeyPairLimits.builder().maxLineBytes(100).build();
    byte[] file = utf8("# ok\nab\0cd\n" + "x".repeat(101) + "\n" + "y".repeat(100) + "\n# last\n");
    List<AuthorizedKeysLine> lines = AuthorizedKeys.parse(file, limits);
    assertThat(invalid(lines.get(1)).code()).isEqualTo(ErrorCode.FORMAT);
    assertThat(invalid(lines.get(1)).getMessage()).contains("line 2").contains("NUL");
    assertThat(invalid(lines.get(2)).code()).isEqualTo(ErrorCode.INPUT_TOO_LARGE);
    assertThat(invalid(lines.get(2)).getMessage()).contains("line 3");
    assertThat(((Other) lines.get(2)).isTruncated()).isFalse();
    assertThat(invalid(lines.get(3)).code()).isNotEqualTo(ErrorCode.INPUT_TOO_LARGE);
    assertThat(((Other) lines.get(4)).kind()).isEqualTo(Kind.COMMENT);
    assertThat(AuthorizedKeys.encode(lines)).isEqualTo(file);
  }

  @Test
  void theStreamFindsNulBytesOnlyInTheirOwnLinesWhateverTheReadSizes() {
    String key = Fixtures.line("ed25519.pub");
    byte[] file = utf8(key + "\n\0" + key + "\n" + key + "\n# a\0b\r\n\n\0\0" + key + "\0\n" + key + "\n" + key
        + " tail\0");
    List<String> expected = List.of("ENTRY", "INVALID", "ENTRY", "INVALID", "BLANK", "INVALID", "ENTRY", "INVALID");
    for (int chunk : new int[] {1, 7, file.length}) {
      InputStream in = new ByteArrayInputStream(file) {
        @Override
        public synchronized int read(byte[] b, int off, int len) {
          return super.read(b, off, Math.min(len, chunk));
        }
      };
      List<AuthorizedKeysLine> lines = AuthorizedKeys.stream(in, KeyPairLimits.defaults()).toList();
      assertThat(lines).map(l -> l instanceof Other o ? o.kind().name() : "ENTRY").containsExactlyElementsOf(expected);
      assertThat(invalid(lines.get(3)).getMessage()).contains("line 4").contains("NUL");
    }
    assertThat(AuthorizedKeys.parse(file, KeyPairLimits.defaults()))
        .map(l -> l instanceof Other o ? o.kind().name() : "ENTRY").containsExactlyElementsOf(expected);
  }

  @Test
  void parseChecksTheInputCap() {
    byte[] file = utf8(line("ed25519") + "\n");
    KeyPairLimits small = KeyPairLimits.builder().maxInputBytes(file.length - 1).build();
    assertThatThrownBy(() -> AuthorizedKeys.parse(file, small))
        .isInstanceOfSatisfying(KeyPairException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT_TOO_LARGE));
    // the stream has no input cap: a file is read one line at a time
    assertThat(AuthorizedKeys.stream(new ByteArrayInputStream(file), small).count()).isEqualTo(1);
  }

  // ------------------------------------------------------------------ parseEntry

  @Test
  void parseEntryIsStrict() {
    String k = line("ed25519");
    assertThat(AuthorizedKeys.parseEntry(k + "\n").key()).isEqualTo(key("ed25519"));
    assertThat(AuthorizedKeys.parseEntry(k + "\r\n").toBytes()).isEqualTo(utf8(k));
    assertThat(AuthorizedKeys.parseEntry("  no-pty   " + k).options()).containsExactly(AuthorizedKeyOption.flag("no-pty"));
    for (String bad : List.of("", "  \t", "# comment", k + "\n" + k, k + "\0", "bogus " + k, "command=\"x " + k)) {
      assertThatThrownBy(() -> AuthorizedKeys.parseEntry(bad)).as(bad).isInstanceOf(KeyPairException.class);
    }
    assertThatThrownBy(() -> AuthorizedKeys.parseEntry(utf8(k), KeyPairLimits.builder().maxLineBytes(10).build()))
        .isInstanceOfSatisfying(KeyPairException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INPUT_TOO_LARGE));
    assertThatThrownBy(() -> AuthorizedKeys.parseEntry("bogus " + k))
        .isInstanceOfSatisfying(KeyPairException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_OPTION));
  }

  // ------------------------------------------------------------------ building and changing entries

  @Test
  void entriesBuiltThroughTheApiAreCanonical() {
    SshPublicKey k = key("ed25519");
    AuthorizedKeyEntry e = AuthorizedKeyEntry.of(List.of(AuthorizedKeyOption.flag("restrict"),
        AuthorizedKeyOption.of("command", "say \"hi\""), AuthorizedKeyOption.flag("pty")), k);
    assertThat(new String(e.toBytes(), StandardCharsets.UTF_8))
        .isEqualTo("restrict,command=\"say \\\"hi\\\"\",pty " + line("ed25519"));
    assertThat(AuthorizedKeyEntry.of(k).toBytes()).isEqualTo(utf8(line("ed25519")));
    assertThat(AuthorizedKeys.parseEntry(e.toBytes(), KeyPairLimits.defaults())).isEqualTo(e);

    AuthorizedKeyEntry read = AuthorizedKeys.parseEntry("no-pty   " + line("ed25519"));
    assertThat(read.withOptions(List.of(AuthorizedKeyOption.flag("no-pty")))).isSameAs(read);
    assertThat(read.withKey(read.key())).isSameAs(read);
    assertThat(new String(read.withOptions(List.of()).toBytes(), StandardCharsets.UTF_8)).isEqualTo(line("ed25519"));
    assertThat(read.withOptions(List.of()).withOptions(read.options())).isEqualTo(read);

    assertThatThrownBy(() -> AuthorizedKeyEntry.of(List.of(AuthorizedKeyOption.of("from", "a"),
        AuthorizedKeyOption.of("FROM", "b")), k))
        .isInstanceOfSatisfying(KeyPairException.class, x -> assertThat(x.code()).isEqualTo(ErrorCode.INVALID_OPTION));
    AuthorizedKeyEntry.of(List.of(AuthorizedKeyOption.of("environment", "A=1"),
        AuthorizedKeyOption.of("environment", "B=2"), AuthorizedKeyOption.of("permitopen", "h:1"),
        AuthorizedKeyOption.of("permitopen", "h:2")), k);
    assertThatThrownBy(() -> AuthorizedKeyEntry.of(k.withComment(Comment.of("a\nb"))))
        .isInstanceOfSatisfying(KeyPairException.class, x -> assertThat(x.code()).isEqualTo(ErrorCode.UNREPRESENTABLE));
  }

  @Test
  void otherLines() {
    assertThat(Other.blank().toBytes()).isEmpty();
    assertThat(Other.blank().error()).isEmpty();
    assertThat(Other.comment("  # added").toBytes()).isEqualTo(utf8("  # added"));
    assertThat(Other.comment("# x").kind()).isEqualTo(Kind.COMMENT);
    for (String bad : List.of("no hash", "", "# a\nb", "#\0")) {
      assertThatThrownBy(() -> Other.comment(bad)).isInstanceOf(IllegalArgumentException.class);
    }
    List<AuthorizedKeysLine> built = List.of(Other.comment("# keys"), Other.blank(),
        AuthorizedKeyEntry.of(key("ed25519")));
    assertThat(new String(AuthorizedKeys.encode(built), StandardCharsets.UTF_8))
        .isEqualTo("# keys\n\n" + line("ed25519") + "\n");
    assertThat(Other.blank().toString()).contains("BLANK");
  }

  @Test
  void writeEqualsEncode() throws IOException {
    List<AuthorizedKeysLine> lines = AuthorizedKeys.parse("# c\nno-pty " + line("ed25519") + "\n\n" + line("rsa4096"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AuthorizedKeys.write(lines, out);
    assertThat(out.toByteArray()).isEqualTo(AuthorizedKeys.encode(lines));
  }

  // ------------------------------------------------------------------ streaming

  @Test
  void streamReadsAsParseDoesWhateverTheReadSizes() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      sb.append(i % 7 == 0 ? "# comment " + i : i % 11 == 0 ? "" : i % 13 == 0 ? "bogus " + i
          : (i % 2 == 0 ? "no-pty " : "") + line(Fixtures.PUBLIC_KEYS.get(i % Fixtures.PUBLIC_KEYS.size())));
      sb.append(i % 5 == 0 ? "\r\n" : "\n");
    }
    byte[] file = utf8(sb.toString());
    List<AuthorizedKeysLine> expected = AuthorizedKeys.parse(file, KeyPairLimits.defaults());
    for (int chunk : new int[] {1, 2, 3, 7, 100, 4096, 1 << 20}) {
      List<AuthorizedKeysLine> streamed = AuthorizedKeys.stream(new Chunked(file, chunk), KeyPairLimits.defaults())
          .collect(Collectors.toList());
      assertThat(streamed).as("chunk %d", chunk).isEqualTo(expected);
    }
  }

  @Test
  void streamSkipsOverLongLinesWithoutKeepingThem() {
    KeyPairLimits limits = KeyPairLimits.builder().maxLineBytes(1000).build();
    String k = line("ed25519");
    byte[] file = utf8("# first\n" + "z".repeat(300_000) + "\r\n" + k + "\n" + "w".repeat(1001) + "\n"
        + "v".repeat(1000) + "\n" + "u".repeat(5000));
    for (int chunk : new int[] {1, 999, 1000, 1001, 1 << 16, 1 << 20}) {
      List<AuthorizedKeysLine> lines = AuthorizedKeys.stream(new Chunked(file, chunk), limits)
          .collect(Collectors.toList());
      assertThat(lines).as("chunk %d", chunk).hasSize(6);
      KeyPairException tooLong = invalid(lines.get(1));
      assertThat(tooLong.code()).isEqualTo(ErrorCode.INPUT_TOO_LARGE);
      assertThat(tooLong.getMessage()).contains("line 2").contains("300000 bytes");
      Other skipped = (Other) lines.get(1);
      assertThat(skipped.isTruncated()).isTrue();
      assertThat(skipped.toBytes()).hasSize(1000).containsOnly((byte) 'z');
      assertThat(entry(lines.get(2)).key()).isEqualTo(key("ed25519"));
      assertThat(invalid(lines.get(3)).code()).isEqualTo(ErrorCode.INPUT_TOO_LARGE);
      assertThat(invalid(lines.get(4)).code()).isNotEqualTo(ErrorCode.INPUT_TOO_LARGE);
      assertThat(invalid(lines.get(5)).getMessage()).contains("line 6").contains("5000 bytes");
      assertThatThrownBy(() -> AuthorizedKeys.encode(lines))
          .isInstanceOfSatisfying(KeyPairException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNREPRESENTABLE);
            assertThat(e.getMessage()).contains("line 2");
          });
    }
  }

  @Test
  void streamHandlesLinesLongerThanItsFirstBuffer() {
    KeyPairLimits limits = KeyPairLimits.builder().maxLineBytes(300_000).build();
    String k = line("ed25519");
    String longComment = "c".repeat(200_000);
    byte[] file = utf8(bare("ed25519") + " " + longComment + "\n" + k + "\n");
    List<AuthorizedKeysLine> lines = AuthorizedKeys.stream(new Chunked(file, 8192), limits).collect(Collectors.toList());
    assertThat(entry(lines.get(0)).key().comment().equals(Comment.of(longComment))).isTrue();
    assertThat(entry(lines.get(1)).key()).isEqualTo(key("ed25519"));
  }

  @Test
  void streamIsLazyAndReportsIoErrors() {
    byte[] first = utf8(line("ed25519") + "\n");
    InputStream failing = new InputStream() {
      int i;

      @Override
      public int read() throws IOException {
        if (i < first.length) {
          return first[i++];
        }
        throw new IOException("disk gone");
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (i >= first.length) {
          throw new IOException("disk gone");
        }
        b[off] = first[i++];
        return 1;
      }
    };
    assertThat(AuthorizedKeys.stream(failing, KeyPairLimits.defaults()).findFirst()).isPresent();
    assertThatThrownBy(() -> AuthorizedKeys.stream(failing, KeyPairLimits.defaults()).count())
        .isInstanceOf(UncheckedIOException.class).hasRootCauseMessage("disk gone");
  }

  /** An input that gives at most {@code chunk} bytes a read. */
  static final class Chunked extends FilterInputStream {
    private final int chunk;

    Chunked(byte[] data, int chunk) {
      super(new ByteArrayInputStream(data));
      this.chunk = chunk;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return super.read(b, off, Math.min(len, chunk));
    }
  }
}
