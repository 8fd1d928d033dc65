package dev.keypair.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.testsupport.ExternalTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** generate, convert, and public/fingerprint/verify on private inputs, checked with the real tools. */
class CliPrivateKeysTest {

  @TempDir
  Path dir;
  Path pw;
  Path empty;

  @BeforeEach
  void passphrases() throws Exception {
    pw = dir.resolve("pw");
    Files.writeString(pw, "correct horse\n");
    empty = dir.resolve("empty");
    Files.writeString(empty, "\n");
  }

  private String p(String name) {
    return dir.resolve(name).toString();
  }

  private static String mode(Path f) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(f));
  }

  /** Every type and format: FILE owner-only, FILE.pub the OpenSSH line, the tools read both, the line printed is ssh-keygen's. */
  @ParameterizedTest
  @CsvSource({"rsa,2048,openssh", "rsa,2048,pem", "rsa,3072,pkcs8", "rsa,2048,ppk", "rsa,2048,ppk2",
      "ecdsa,256,openssh", "ecdsa,384,pem", "ecdsa,521,pkcs8", "ecdsa,256,ppk", "ed25519,256,openssh",
      "ed25519,256,pkcs8", "ed25519,256,ppk", "ed25519,256,ppk2"})
  void generateWritesWhatTheToolsRead(String type, int bits, String format) throws Exception {
    for (boolean encrypted : new boolean[] {false, true}) {
      String out = p(type + bits + format + encrypted);
      Cli.Run r = encrypted
          ? Cli.run("generate", "--type", type, "--bits", Integer.toString(bits), "--format", format,
              "--comment", "gen test", "--new-passphrase-file", pw.toString(), "--out", out)
          : Cli.run("generate", "--type", type, "--bits", Integer.toString(bits), "--format", format,
              "--comment", "gen test", "--out", out);
      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(mode(Path.of(out))).isEqualTo("rw-------");
      assertThat(mode(Path.of(out + ".pub"))).isEqualTo("rw-r--r--");
      String sshKeygenLine = ExternalTools.sshKeygen().run("-l", "-f", out + ".pub").ok().out();
      assertThat(r.out()).isEqualTo(sshKeygenLine).endsWith(" gen test (" + label(type) + ")\n");
      String pubBlob = Files.readString(Path.of(out + ".pub")).split(" ")[1];
      assertThat(publicBlobByTheTools(format, type, out, encrypted)).isEqualTo(pubBlob);
    }
  }

  private static String label(String type) {
    return type.equals("rsa") ? "RSA" : type.equals("ecdsa") ? "ECDSA" : "ED25519";
  }

  /** The public blob the real tool derives from the private file we wrote. */
  private String publicBlobByTheTools(String format, String type, String file, boolean encrypted) throws Exception {
    String pass = "correct horse";
    if (format.startsWith("ppk")) {
      ExternalTools.Result r = encrypted
          ? ExternalTools.puttygen().run(file, "--old-passphrase", pw.toString(), "-O", "public-openssh")
          : ExternalTools.puttygen().run(file, "-O", "public-openssh");
      return r.ok().out().split(" ")[1].strip();
    }
    if (type.equals("ed25519") && !format.equals("openssh")) {
      // ssh-keygen 9.2 cannot read Ed25519 PKCS#8: openssl gives the raw key, compared as a blob
      ExternalTools.Result r = encrypted
          ? ExternalTools.openssl().run("pkey", "-in", file, "-passin", "pass:" + pass, "-pubout", "-outform", "DER")
          : ExternalTools.openssl().run("pkey", "-in", file, "-pubout", "-outform", "DER");
      byte[] der = r.ok().stdout();
      byte[] raw = java.util.Arrays.copyOfRange(der, der.length - 32, der.length);
      return java.util.Base64.getEncoder().encodeToString(new dev.keypair.core.internal.SshWireWriter()
          .writeString("ssh-ed25519").writeString(raw).toByteArray());
    }
    if (!format.equals("openssh")) {
      ExternalTools.Result r = encrypted
          ? ExternalTools.openssl().run("pkey", "-in", file, "-passin", "pass:" + pass, "-noout")
          : ExternalTools.openssl().run("pkey", "-in", file, "-noout");
      r.ok();
    }
    ExternalTools.Result y = ExternalTools.sshKeygen().run("-y", "-P", encrypted ? pass : "", "-f", file);
    return y.ok().out().split(" ")[1].strip();
  }

  @Test
  void generateRefusesToReplaceUnlessForced() throws Exception {
    String out = p("k");
    assertThat(Cli.run("generate", "--type", "ed25519", "--out", out).exit()).isZero();
    String before = Files.readString(Path.of(out));
    Cli.Run again = Cli.run("generate", "--type", "ed25519", "--out", out);
    assertThat(again.exit()).isEqualTo(4);
    assertThat(again.err()).isEqualTo("keypair: File.Exists: " + out + " exists; not replacing it (use --force)\n");
    assertThat(Files.readString(Path.of(out))).isEqualTo(before);
    assertThat(Cli.run("generate", "--type", "ed25519", "--out", out, "--force").exit()).isZero();
    assertThat(Files.readString(Path.of(out))).isNotEqualTo(before);
    assertThat(mode(Path.of(out))).isEqualTo("rw-------");
  }

  @Test
  void generateUsageErrors() {
    for (String[] args : new String[][] {{"generate", "--type", "dsa", "--out", p("x")},
        {"generate", "--type", "ed25519", "--bits", "384", "--out", p("x")},
        {"generate", "--type", "ecdsa", "--bits", "512", "--out", p("x")},
        {"generate", "--type", "rsa", "--bits", "512", "--out", p("x")},
        {"generate", "--type", "rsa", "--bits", "lots", "--out", p("x")},
        {"generate", "--type", "ed25519", "--format", "pem", "--out", p("x")},
        {"generate", "--type", "ed25519"}}) {
      Cli.Run r = Cli.run(args);
      assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.err()).startsWith("keypair: Usage.Invalid: ").hasLineCount(1);
    }
    assertThat(Files.exists(Path.of(p("x")))).isFalse();
  }

  /** convert: PEM to PPK to OpenSSH and back, the same key all the way, the passphrase kept unless changed. */
  @Test
  void convertKeepsTheKeyAndItsProtection() throws Exception {
    String k = p("k");
    Cli.run("generate", "--type", "rsa", "--bits", "2048", "--format", "pem", "--new-passphrase-file", pw.toString(),
        "--out", k);
    String pub = Files.readString(Path.of(k + ".pub")).split(" ")[1];
    assertThat(Cli.run("convert", "--in", k, "--passphrase-file", pw.toString(), "--format", "ppk", "--out", p("k.ppk"))
        .exit()).isZero();
    assertThat(mode(Path.of(p("k.ppk")))).isEqualTo("rw-------");
    assertThat(Files.readString(Path.of(p("k.ppk")))).contains("Encryption: aes256-cbc");
    assertThat(ExternalTools.puttygen().run(p("k.ppk"), "--old-passphrase", pw.toString(), "-O", "public-openssh")
        .ok().out()).contains(pub);
    assertThat(Cli.run("convert", "--in", p("k.ppk"), "--passphrase-file", pw.toString(), "--format", "openssh",
        "--out", p("k.openssh")).exit()).isZero();
    assertThat(ExternalTools.sshKeygen().run("-y", "-P", "correct horse", "-f", p("k.openssh")).ok().out()).contains(pub);
    // an empty new passphrase removes the encryption
    assertThat(Cli.run("convert", "--in", p("k.openssh"), "--passphrase-file", pw.toString(), "--format", "pkcs8",
        "--new-passphrase-file", empty.toString(), "--out", p("k.plain")).exit()).isZero();
    assertThat(Files.readString(Path.of(p("k.plain")))).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(ExternalTools.sshKeygen().run("-y", "-f", p("k.plain")).ok().out()).contains(pub);
    // a private input to a public-only format gives its public key
    assertThat(Cli.run("convert", "--in", p("k.plain"), "--format", "rfc4716").out())
        .startsWith("---- BEGIN SSH2 PUBLIC KEY ----");
    // a public input cannot become a private format
    Cli.Run r = Cli.run("convert", "--in", k + ".pub", "--format", "ppk");
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).startsWith("keypair: InvalidKey.Unrepresentable: ");
  }

  @Test
  void wrongAndMissingPassphrasesAreDistinctBadInput() throws Exception {
    String k = p("k");
    Cli.run("generate", "--type", "ed25519", "--new-passphrase-file", pw.toString(), "--out", k);
    Path wrong = dir.resolve("wrong");
    Files.writeString(wrong, "wrong\n");
    Cli.Run w = Cli.run("convert", "--in", k, "--passphrase-file", wrong.toString(), "--format", "pkcs8");
    assertThat(w.exit()).isEqualTo(3);
    assertThat(w.err()).startsWith("keypair: InvalidKey.Passphrase: ").hasLineCount(1);
    Cli.Run m = Cli.run("convert", "--in", k, "--format", "pkcs8");
    assertThat(m.exit()).isEqualTo(3);
    assertThat(m.err()).startsWith("keypair: InvalidKey.PassphraseRequired: ").hasLineCount(1);
    // the public half of an encrypted OpenSSH key needs no passphrase (its comment is encrypted)
    String pub = Files.readString(Path.of(k + ".pub"));
    Cli.Run pr = Cli.run("public", "--in", k);
    assertThat(pr.exit()).isZero();
    assertThat(pr.out()).isEqualTo(pub.substring(0, pub.lastIndexOf(' ')) + "\n");
  }

  /** --aws on a private RSA key is AWS's created-key fingerprint: the AWS guide's openssl command. */
  @Test
  void awsFingerprintOfAPrivateKeyIsTheCreatedOne() throws Exception {
    String k = p("k");
    Cli.run("generate", "--type", "rsa", "--bits", "2048", "--format", "pem", "--out", k);
    byte[] der = ExternalTools.openssl().run("pkcs8", "-in", k, "-inform", "PEM", "-outform", "DER", "-topk8",
        "-nocrypt").ok().stdout();
    String expected = ExternalTools.openssl().run(der, "sha1", "-c").ok().out().strip().replaceAll("^.*= ", "");
    assertThat(Cli.run("fingerprint", "--aws", "--in", k).out()).isEqualTo(expected + "\n");
    assertThat(Cli.run("verify", "--in", k, "--fingerprint", expected).out()).isEqualTo("match: AWS-CREATED-SHA1\n");
    // the public key alone gives the imported-key value, and does not match the created one
    assertThat(Cli.run("fingerprint", "--aws", "--in", k + ".pub").out()).hasSize(48).isNotEqualTo(expected + "\n");
    assertThat(Cli.run("verify", "--in", k + ".pub", "--fingerprint", expected).exit()).isEqualTo(1);
  }

  @Test
  void readableKeyFileGivesTheSshWarning() throws Exception {
    String k = p("k");
    Cli.run("generate", "--type", "ed25519", "--out", k);
    Files.setPosixFilePermissions(Path.of(k), PosixFilePermissions.fromString("rw-r--r--"));
    Cli.Run r = Cli.run("fingerprint", "--in", k);
    assertThat(r.exit()).isZero();
    assertThat(r.err()).startsWith("keypair: warning: UNPROTECTED PRIVATE KEY FILE: permissions 0644 for '" + k + "'")
        .hasLineCount(1);
  }

  @Test
  void passphraseFileIsItsFirstLineWithoutTheLineEnd() throws Exception {
    Path crlf = dir.resolve("crlf");
    Files.write(crlf, "correct horse\r\nsecond line\n".getBytes(StandardCharsets.UTF_8));
    String k = p("k");
    Cli.run("generate", "--type", "ecdsa", "--new-passphrase-file", crlf.toString(), "--out", k);
    assertThat(ExternalTools.sshKeygen().run("-y", "-P", "correct horse", "-f", k).ok().out()).startsWith("ecdsa-sha2-nistp256 ");
  }
}
