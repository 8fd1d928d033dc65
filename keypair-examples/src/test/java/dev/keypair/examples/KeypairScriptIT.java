package dev.keypair.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.testsupport.ExternalTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged command, run from outside as a user runs it: the ./keypair script and java -jar. */
class KeypairScriptIT {

  private static final Path ROOT = Path.of(System.getProperty("keypair.root", ".."));
  private static final Path DEMO = ROOT.resolve("keypair-examples/src/main/resources/demo/demo_ed25519.pub");

  record Run(int exit, String out, String err) {}

  private static Run run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).directory(ROOT.toFile()).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }

  @Test
  void scriptPrintsWhatSshKeygenPrints() throws Exception {
    String expected = ExternalTools.sshKeygen().run("-l", "-f", DEMO.toString()).ok().out();
    for (int i = 0; i < 2; i++) { // the first run may make the class-data archive; both must be clean
      assertThat(run(ROOT.resolve("keypair").toString(), "fingerprint", "--in", DEMO.toString()))
          .isEqualTo(new Run(0, expected, ""));
    }
  }

  @Test
  void scriptReportsBadInputWithExitThreeAndOneLine() throws Exception {
    Path bad = Files.createTempFile("bad", ".pub");
    try {
      Files.writeString(bad, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GK==\n");
      Run r = run(ROOT.resolve("keypair").toString(), "public", "--in", bad.toString());
      assertThat(r.exit()).isEqualTo(3);
      assertThat(r.out()).isEmpty();
      assertThat(r.err()).matches("keypair: [A-Za-z.]+: [^\\n]+\\n");
    } finally {
      Files.delete(bad);
    }
  }

  /** Under a hardened umask both files are written, narrower than asked (the .pub 0600), never wider. */
  @Test
  void generateWorksUnderUmask077() throws Exception {
    Path dir = Files.createTempDirectory("umask");
    try {
      Path key = dir.resolve("k");
      Run r = run("sh", "-c", "umask 077 && exec \"$0\" generate --type ed25519 --out \"$1\"",
          ROOT.resolve("keypair").toString(), key.toString());
      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
          .isEqualTo("rw-------");
      assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
          Files.getPosixFilePermissions(dir.resolve("k.pub")))).isEqualTo("rw-------");
    } finally {
      try (var s = Files.list(dir)) {
        s.forEach(p -> p.toFile().delete());
      }
      Files.delete(dir);
    }
  }

  @Test
  void jarRunsWithJavaDashJar() throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", ROOT.resolve("keypair-examples/target/keypair.jar").toString(), "verify", "--in", DEMO.toString(),
        "--fingerprint", "SHA256:bGkNAcRW+FpjTTeQQ7Rpl4ndD5df/zagFRCAegS7UPs"));
    assertThat(run(cmd.toArray(String[]::new))).isEqualTo(new Run(0, "match: SHA256\n", ""));
  }
}
