package dev.keypair.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.testsupport.ExternalTools;
import dev.keypair.testsupport.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The command's contract (../shared/CLI.md) for public inputs: names, output lines, exit codes. */
class CliContractTest {

  @TempDir
  Path dir;

  private Path fixture(String name) throws Exception {
    Path p = dir.resolve(name);
    Files.write(p, Fixtures.bytes(name));
    return p;
  }

  static Stream<String> keys() {
    return Stream.concat(Fixtures.PUBLIC_KEYS.stream(), Fixtures.CERTIFICATES.stream());
  }

  /** `keypair fingerprint` prints what `ssh-keygen -l -E HASH` printed for the same file. */
  @ParameterizedTest
  @MethodSource("keys")
  void fingerprintEqualsSshKeygen(String name) throws Exception {
    Path f = fixture(name + ".pub");
    assertThat(Cli.run("fingerprint", "--in", f.toString()))
        .isEqualTo(new Cli.Run(0, Fixtures.text(name + ".l.sha256"), ""));
    for (String hash : new String[] {"sha256", "md5", "sha1"}) {
      assertThat(Cli.run("fingerprint", "--in", f.toString(), "--hash", hash).out())
          .isEqualTo(Fixtures.text(name + ".l." + hash));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"rfc4716", "pkcs8.pem", "der.b64"})
  void fingerprintOfEveryPublicFormat(String ext) throws Exception {
    for (String name : Fixtures.RSA_KEYS) {
      Path f = fixture(name + "." + ext);
      String line = Cli.run("fingerprint", "--in", f.toString()).out();
      String expected = Fixtures.line(name + ".l.sha256");
      // the comment differs by format (RFC 4716 has ssh-keygen's own, DER none); bits, hash and type do not
      String[] e = expected.split(" ");
      assertThat(line).startsWith(e[0] + " " + e[1] + " ").endsWith(" (RSA)\n");
    }
  }

  @Test
  void awsFingerprint() throws Exception {
    for (String name : Fixtures.RSA_KEYS) {
      assertThat(Cli.run("fingerprint", "--aws", "--in", fixture(name + ".pub").toString()))
          .isEqualTo(new Cli.Run(0, Fixtures.text(name + ".aws-md5"), ""));
    }
    String sha = Fixtures.line("ed25519.l.sha256").split(" ")[1].substring("SHA256:".length());
    assertThat(Cli.run("fingerprint", "--aws", "--in", fixture("ed25519.pub").toString()).out()).isEqualTo(sha + "=\n");
    Cli.Run ec = Cli.run("fingerprint", "--aws", "--in", fixture("ecdsa256.pub").toString());
    assertThat(ec.exit()).isEqualTo(3);
    assertThat(ec.out()).isEmpty();
    assertThat(ec.err()).isEqualTo("keypair: InvalidKey.UnsupportedAlgorithm: AWS accepts only RSA and Ed25519 keys, not ECDSA\n");
  }

  @Test
  void publicInEachFormatEqualsWhatSshKeygenWrites() throws Exception {
    for (String name : Fixtures.SPKI_KEYS) {
      Path f = fixture(name + ".pub");
      assertThat(Cli.run("public", "--in", f.toString(), "--format", "pem").out())
          .as(name).isEqualTo(Fixtures.text(name + ".pkcs8.pem"));
      assertThat(Cli.run("public", "--in", f.toString()).out()).isEqualTo(Fixtures.text(name + ".pub"));
      assertThat(Cli.run("public", "--in", f.toString(), "--format", "der-base64").out())
          .isEqualTo(Fixtures.text(name + ".der.b64"));
    }
    for (String name : Fixtures.RSA_KEYS) {
      assertThat(Cli.run("public", "--in", fixture(name + ".pub").toString(), "--format", "pkcs1").out())
          .isEqualTo(Fixtures.text(name + ".pkcs1.pem"));
    }
  }

  /** RFC 4716 output: ssh-keygen -i reads it back to the same key. */
  @Test
  void rfc4716OutputReadsBackWithSshKeygen() throws Exception {
    for (String name : new String[] {"rsa2048", "ecdsa521", "ed25519", "ed25519_spaces"}) {
      Path f = fixture(name + ".pub");
      Path rfc = dir.resolve(name + ".out.rfc4716");
      Files.writeString(rfc, Cli.run("public", "--in", f.toString(), "--format", "rfc4716").out());
      String back = ExternalTools.sshKeygen().run("-i", "-m", "RFC4716", "-f", rfc.toString()).ok().out();
      assertThat(back.split(" ")[1].strip()).isEqualTo(Fixtures.line(name + ".pub").split(" ")[1]);
    }
  }

  @Test
  void pkcs1OfANonRsaKeyIsBadInput() throws Exception {
    Cli.Run r = Cli.run("public", "--in", fixture("ed25519.pub").toString(), "--format", "pkcs1");
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).startsWith("keypair: InvalidKey.Unrepresentable: ").hasLineCount(1);
  }

  @Test
  void verifyAnswersMatchOrNoMatch() throws Exception {
    Path f = fixture("rsa2048.pub");
    String sha = Fixtures.line("rsa2048.l.sha256").split(" ")[1];
    assertThat(Cli.run("verify", "--in", f.toString(), "--fingerprint", sha)).isEqualTo(new Cli.Run(0, "match: SHA256\n", ""));
    assertThat(Cli.run("verify", "--in", f.toString(), "--fingerprint", Fixtures.line("rsa2048.aws-md5")))
        .isEqualTo(new Cli.Run(0, "match: AWS-IMPORTED-MD5\n", ""));
    String md5 = Fixtures.line("rsa2048.l.md5").split(" ")[1];
    assertThat(Cli.run("verify", "--in", f.toString(), "--fingerprint", md5.substring(4).replace(":", "")))
        .isEqualTo(new Cli.Run(0, "match: MD5\n", ""));
    String other = Fixtures.line("rsa3072.l.sha256").split(" ")[1];
    assertThat(Cli.run("verify", "--in", f.toString(), "--fingerprint", other)).isEqualTo(new Cli.Run(1, "no match\n", ""));
    Cli.Run bad = Cli.run("verify", "--in", f.toString(), "--fingerprint", "not-a-fingerprint");
    assertThat(bad.exit()).isEqualTo(3);
    assertThat(bad.err()).startsWith("keypair: InvalidFingerprint.Format: ").hasLineCount(1);
  }

  @Test
  void standardInput() {
    Cli.Run r = Cli.runWithStdin(Fixtures.bytes("ed25519.pub"), "fingerprint", "--in", "-");
    assertThat(r).isEqualTo(new Cli.Run(0, Fixtures.text("ed25519.l.sha256"), ""));
  }

  /** An authorized_keys file: one line per key, as ssh-keygen -l prints. */
  @Test
  void severalKeysGiveSeveralLines() throws Exception {
    Path ak = dir.resolve("authorized_keys");
    Files.writeString(ak, "# team keys\n\nno-pty,command=\"/bin/echo \\\"hi\\\"\" " + Fixtures.text("rsa2048.pub")
        + Fixtures.text("ed25519.pub"));
    Cli.Run r = Cli.run("fingerprint", "--in", ak.toString());
    assertThat(r).isEqualTo(new Cli.Run(0, Fixtures.text("rsa2048.l.sha256") + Fixtures.text("ed25519.l.sha256"), ""));
    Cli.Run pub = Cli.run("public", "--in", ak.toString());
    assertThat(pub.exit()).isEqualTo(3);
    assertThat(pub.err()).isEqualTo("keypair: InvalidKey.Format: the input holds 2 keys; one was expected\n");
  }

  /** Like ssh-keygen -l, good lines print; unlike it, each bad line is reported (stderr) and the exit code says so. */
  @Test
  void authorizedKeysWithBadLinesPrintsTheGoodOnes() throws Exception {
    Path ak = dir.resolve("authorized_keys");
    Files.writeString(ak, Fixtures.text("ed25519.pub") + "permitopen=\"db:postgresql\" " + Fixtures.text("rsa2048.pub")
        + "garbage line here\n" + "no-pty,bogus " + Fixtures.text("ecdsa256.pub"));
    Cli.Run r = Cli.run("fingerprint", "--in", ak.toString());
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.out()).isEqualTo(Fixtures.text("ed25519.l.sha256") + Fixtures.text("rsa2048.l.sha256"));
    assertThat(r.err()).isEqualTo("keypair: InvalidKey.Format: authorized_keys line 3: the line is not a key line: "
        + "neither 'type base64 [comment]' nor 'options type base64 [comment]'\n"
        + "keypair: InvalidKey.Option: authorized_keys line 4: unknown authorized_keys option 'bogus'\n");
  }

  /** Key lines are streamed: an authorized_keys file over the 1 MiB input cap still works. */
  @Test
  void largeAuthorizedKeysFilesAreStreamed() throws Exception {
    Path ak = dir.resolve("big_authorized_keys");
    String line = Fixtures.text("ed25519.pub");
    Files.writeString(ak, line.repeat((2 << 20) / line.length()));
    Cli.Run r = Cli.run("fingerprint", "--in", ak.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out().lines().count()).isEqualTo((2 << 20) / line.length());
    assertThat(r.err()).isEmpty();
  }

  /** ssh-keygen -l takes a comment starting with '#' on a key line for no comment; so do we. */
  @Test
  void hashCommentIsNoCommentAsSshKeygenPrintsIt() throws Exception {
    Path f = dir.resolve("hash.pub");
    Files.writeString(f, Fixtures.line("ed25519.pub").split(" keypair")[0] + " #mykey\n");
    String expected = ExternalTools.sshKeygen().run("-l", "-f", f.toString()).ok().out();
    assertThat(Cli.run("fingerprint", "--in", f.toString()).out()).isEqualTo(expected).contains(" no comment ");
  }

  @Test
  void writeFailureIsAnErrorNotASilentSuccess() throws Exception {
    java.io.OutputStream failing = new java.io.OutputStream() {
      @Override
      public void write(int b) throws java.io.IOException {
        throw new java.io.IOException("disk full");
      }
    };
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int code = KeypairCommand.run(new String[] {"fingerprint", "--in", fixture("ed25519.pub").toString()},
        new java.io.PrintStream(failing, true), new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(5);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("keypair: Output.Failed: could not write to standard output\n");
  }

  @Test
  void badInputIsExitThreeWithOneLine() throws Exception {
    Path garbage = dir.resolve("garbage");
    Files.writeString(garbage, "this is not a key\n");
    Cli.Run r = Cli.run("fingerprint", "--in", garbage.toString());
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("keypair: InvalidKey.Format: authorized_keys line 1: the line is not a key line: "
        + "neither 'type base64 [comment]' nor 'options type base64 [comment]'\n");

    Cli.Run missing = Cli.run("fingerprint", "--in", dir.resolve("nope").toString());
    assertThat(missing.exit()).isEqualTo(3);
    assertThat(missing.err()).isEqualTo("keypair: Input.Unreadable: cannot read " + dir.resolve("nope") + ": no such file\n");

    Path big = dir.resolve("big");
    Files.write(big, new byte[(1 << 20) + 10]);
    Cli.Run tooBig = Cli.run("public", "--in", big.toString());
    assertThat(tooBig.exit()).isEqualTo(3);
    assertThat(tooBig.err()).startsWith("keypair: Input.TooLarge: ").hasLineCount(1);
  }

  @Test
  void usageErrorsAreExitTwo() {
    for (String[] args : new String[][] {{}, {"fingerprint"}, {"frobnicate"}, {"fingerprint", "--in", "x", "--bogus"},
        {"fingerprint", "--in", "x", "--hash", "sha512"}, {"fingerprint", "--in", "x", "--aws", "--hash", "md5"},
        {"public", "--in", "x", "--format", "xml"}, {"verify", "--in", "x"}, {"public", "--in", "a", "--in", "b"},
        {"verify", "--in", "x", "--fingerprint", "a", "--fingerprint", "b"}}) {
      Cli.Run r = Cli.run(args);
      assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.out()).isEmpty();
      assertThat(r.err()).startsWith("keypair: Usage.Invalid: ").hasLineCount(1);
    }
  }

  @Test
  void helpAndVersionSucceed() {
    assertThat(Cli.run("--help").exit()).isZero();
    assertThat(Cli.run("fingerprint", "--help").out()).contains("--hash", "--aws", "--in");
    assertThat(Cli.run("--version").out()).startsWith("keypair ");
    assertThat(Cli.run("--help", "fingerprint")).isEqualTo(Cli.run("fingerprint", "--help"));
    assertThat(Cli.run("--help", "fingerprint").exit()).isZero();
  }

  @Test
  void nonUtf8CommentBytesAreWrittenAsTheyAre() throws Exception {
    byte[] line = (Fixtures.line("ed25519.pub").split(" keypair")[0] + " caf").getBytes(StandardCharsets.US_ASCII);
    byte[] withLatin1 = java.util.Arrays.copyOf(line, line.length + 2);
    withLatin1[line.length] = (byte) 0xe9;
    withLatin1[line.length + 1] = '\n';
    Path f = dir.resolve("latin1.pub");
    Files.write(f, withLatin1);
    Cli.Run r = Cli.run("public", "--in", f.toString());
    assertThat(r.exit()).isZero();
    // the output stream is decoded as UTF-8 here; the raw byte 0xe9 becomes U+FFFD, which proves it was not re-encoded
    assertThat(r.out()).endsWith(" caf\uFFFD\n");
  }
}
