package dev.keypair.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.testsupport.ExternalTools;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The README's examples are code that runs: each quick start is a snippet of an example class, verbatim. */
class ReadmeTest {

  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  @ParameterizedTest
  @ValueSource(strings = {"QuickStart", "QuickStartPrivateKeys", "QuickStartRegistry"})
  void readmeQuotesTheSnippetVerbatim(String example) throws Exception {
    assertReadmeQuotes("keypair-examples/src/main/java/dev/keypair/examples/" + example + ".java", 4);
  }

  /** The property-based test example (a test class: its snippet is indented by one level less). */
  @Test
  void readmeQuotesThePropertyTestExampleVerbatim() throws Exception {
    assertReadmeQuotes("keypair-examples/src/test/java/dev/keypair/examples/ProvisioningExampleProperties.java", 2);
  }

  /** The README holds the lines between the {@code snippet} markers of {@code file}, less {@code indent} spaces. */
  private static void assertReadmeQuotes(String file, int indent) throws Exception {
    String source = Files.readString(ROOT.resolve(file));
    String marker = " ".repeat(indent) + "// snippet:end";
    String snippet = source.substring(source.indexOf("// snippet:start\n") + "// snippet:start\n".length(),
        source.indexOf(marker));
    String unindented = snippet.lines().map(l -> l.length() >= indent ? l.substring(indent) : l.strip())
        .collect(Collectors.joining("\n", "", "\n"));
    assertThat(Files.readString(ROOT.resolve("README.md"))).contains(unindented);
  }

  private static String run(ThrowingMain main) throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      main.run();
    } finally {
      System.setOut(saved);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  interface ThrowingMain {
    void run() throws Exception;
  }

  @Test
  void quickStartRunsAndMatches() throws Exception {
    String out = run(() -> QuickStart.main(new String[] {
        ROOT.resolve("keypair-examples/src/main/resources/demo/demo_ed25519.pub").toString()}));
    assertThat(out).startsWith("SHA256:bGkNAcRW+FpjTTeQQ7Rpl4ndD5df/zagFRCAegS7UPs\n")
        .contains("match: SHA256\n", "---- BEGIN SSH2 PUBLIC KEY ----");
  }

  /** The private key quick start writes files that ssh-keygen and puttygen read, owner-only. */
  @Test
  void privateKeyQuickStartWritesWhatTheToolsRead(@TempDir Path dir) throws Exception {
    String out = run(() -> QuickStartPrivateKeys.main(new String[] {dir.toString()}));
    assertThat(out.strip()).matches("([0-9a-f]{2}:){19}[0-9a-f]{2}");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("id_ed25519"))))
        .isEqualTo("rw-------");
    String pub = Files.readString(dir.resolve("id_ed25519.pub")).strip();
    assertThat(ExternalTools.sshKeygen().run("-y", "-P", "correct horse battery staple", "-f",
        dir.resolve("id_ed25519").toString()).ok().out().strip()).isEqualTo(pub); // with the comment it decrypted
    Path pw = dir.resolve("pw");
    Files.writeString(pw, "correct horse battery staple\n");
    assertThat(ExternalTools.puttygen().run(dir.resolve("id_ed25519.ppk").toString(), "--old-passphrase", pw.toString(),
        "-O", "public-openssh").ok().out().strip()).isEqualTo(pub);
  }

  /** The registry quick start creates a key pair owner-only, with AWS's fingerprints and refusals. */
  @Test
  void registryQuickStartRunsAndMatches(@TempDir Path dir) throws Exception {
    Path pub = ROOT.resolve("keypair-examples/src/main/resources/demo/demo_ed25519.pub");
    String out = run(() -> QuickStartRegistry.main(new String[] {dir.toString(), pub.toString()}));
    String[] lines = out.split("\n");
    assertThat(lines).hasSize(5);
    assertThat(lines[0]).matches("([0-9a-f]{2}:){19}[0-9a-f]{2}");
    assertThat(lines[1]).isEqualTo("bGkNAcRW+FpjTTeQQ7Rpl4ndD5df/zagFRCAegS7UPs=");
    assertThat(lines[2]).isEqualTo("InvalidKeyPair.Format");
    assertThat(lines[3]).isEqualTo("deploy created");
    assertThat(lines[4]).startsWith("ssh-ed25519 AAAA").endsWith(" laptop");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("deploy.pem"))))
        .isEqualTo("rw-------");
    assertThat(Files.readString(dir.resolve("deploy.pem"))).startsWith("-----BEGIN RSA PRIVATE KEY-----\n");
  }
}
