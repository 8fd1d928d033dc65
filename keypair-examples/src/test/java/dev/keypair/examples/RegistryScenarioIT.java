package dev.keypair.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.testsupport.ExternalTools;
import dev.keypair.testsupport.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keypair registry}: one console flow per seed provider through the packaged keypair.jar and the
 * real default store (SQLite, {@code --store} a temporary file), checked against ssh-keygen and openssl
 * where the provider's fingerprint rule is theirs. A missing ssh-keygen or openssl fails the test.
 */
@Tag("integration") // needs keypair.jar: failsafe only (see the pom)
class RegistryScenarioIT {

  private static final Path ROOT = Path.of(System.getProperty("keypair.root", "..")).toAbsolutePath().normalize();
  private static final Path JAR = ROOT.resolve("keypair-examples/target/keypair.jar");
  private static final String ERROR_LINE = "keypair: [A-Za-z.]+: [^\\n]+\\n";

  @TempDir
  Path dir;

  private Path store;
  private Path home;

  record Run(int exit, String out, String err) {}

  @BeforeEach
  void paths() throws IOException {
    store = dir.resolve("store/registry-it.db");
    home = Files.createDirectories(dir.resolve("home"));
  }

  /** java -jar keypair.jar ARGS, with KEYPAIR_HOME in the temporary folder. */
  private Run keypair(List<String> args) throws IOException, InterruptedException {
    return keypair(List.of(), args);
  }

  /** java JVM-OPTIONS -jar keypair.jar ARGS. */
  private Run keypair(List<String> jvm, List<String> args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    cmd.addAll(jvm);
    cmd.addAll(List.of("-jar", JAR.toString()));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().put("KEYPAIR_HOME", home.toString());
    Process p = pb.start();
    p.getOutputStream().close();
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
      try {
        return p.getErrorStream().readAllBytes();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8),
        new String(err.join(), StandardCharsets.UTF_8));
  }

  private Run registry(String provider, String... args) throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(List.of("registry", "--store", store.toString(), "--provider", provider,
        "--region", "eu-west-1"));
    all.addAll(List.of(args));
    return keypair(all);
  }

  private static Run ok(Run r) {
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    return r;
  }

  private static void refused(Run r, String code) {
    assertThat(r.exit()).as(r.err()).isEqualTo(4);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).matches(ERROR_LINE).startsWith("keypair: " + code + ": ");
  }

  private static String field(Run r, String name) {
    return r.out().lines().filter(l -> l.startsWith(name + ": ")).findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " in " + r.out())).substring(name.length() + 2);
  }

  /** The colon hex openssl prints for a digest: {@code MD5(stdin)= 49:2b:...}. */
  private static String digest(ExternalTools.Result r) {
    String s = r.ok().out().strip();
    return s.substring(s.indexOf("= ") + 2);
  }

  private Path rsaPublicKey(String name, int bits) {
    ExternalTools.sshKeygen().run("-q", "-t", "rsa", "-b", String.valueOf(bits), "-N", "", "-C", name, "-f",
        dir.resolve(name).toString()).ok();
    return dir.resolve(name + ".pub");
  }

  private Path write(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  @Test
  void awsEc2() throws Exception {
    Path pem = dir.resolve("k.pem");
    Run created = ok(registry("aws-ec2", "create", "--name", "created", "--type", "rsa", "--format", "pem", "--out",
        pem.toString()));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pem))).isEqualTo("rw-------");
    assertThat(Files.readString(pem)).startsWith("-----BEGIN RSA PRIVATE KEY-----\n");
    assertThat(created.out()).doesNotContain("PRIVATE");
    ExternalTools.Result der = ExternalTools.openssl().run("pkcs8", "-in", pem.toString(), "-inform", "PEM",
        "-outform", "DER", "-topk8", "-nocrypt").ok();
    assertThat(field(created, "fingerprint")).isEqualTo(digest(ExternalTools.openssl().run(der.stdout(), "sha1", "-c")));
    assertThat(Files.exists(store)).isTrue();
    assertThat(home.resolve("registry.db")).doesNotExist();
    refused(registry("aws-ec2", "create", "--name", "again", "--out", pem.toString()), "File.Exists");

    // one RSA public key in the three forms AWS imports: all get the MD5 of its DER SubjectPublicKeyInfo
    Path pub = rsaPublicKey("imp", 2048);
    String pkcs8Pem = ExternalTools.sshKeygen().run("-e", "-m", "PKCS8", "-f", pub.toString()).ok().out();
    byte[] spki = ExternalTools.openssl().run(pkcs8Pem.getBytes(StandardCharsets.US_ASCII), "pkey", "-pubin",
        "-outform", "DER").ok().stdout();
    String md5 = digest(ExternalTools.openssl().run(spki, "md5", "-c"));
    String base64Der = pkcs8Pem.lines().filter(l -> !l.startsWith("-----")).reduce("", (a, b) -> a + b + "\n");
    Path der64 = write("imp.der.b64", base64Der.getBytes(StandardCharsets.US_ASCII));
    Path rfc4716 = write("imp.rfc4716", ExternalTools.sshKeygen().run("-e", "-f", pub.toString()).ok().stdout());
    for (String[] form : new String[][] {{"openssh", pub.toString()}, {"der", der64.toString()},
        {"rfc4716", rfc4716.toString()}}) {
      Run r = ok(registry("aws-ec2", "import", "--name", "imported-" + form[0], "--in", form[1]));
      assertThat(field(r, "fingerprint")).as(form[0]).isEqualTo(md5);
      assertThat(field(r, "origin")).isEqualTo("imported");
    }
    // the same key through keypair's own der-base64 export
    Run exported = ok(keypair(List.of("public", "--in", pub.toString(), "--format", "der-base64")));
    assertThat(exported.out().replace("\n", "")).isEqualTo(base64Der.replace("\n", ""));

    refused(registry("aws-ec2", "import", "--name", "dsa", "--in", write("dsa.pub",
        Fixtures.bytes("dsa1024.pub")).toString()), "InvalidKeyPair.Format");
    ExternalTools.sshKeygen().run("-q", "-t", "ecdsa", "-N", "", "-f", dir.resolve("ec").toString()).ok();
    refused(registry("aws-ec2", "import", "--name", "ecdsa", "--in", dir.resolve("ec.pub").toString()),
        "InvalidKeyPair.Format");
    refused(registry("aws-ec2", "import", "--name", "imported-openssh", "--in", pub.toString()),
        "InvalidKeyPair.Duplicate");

    Run list = ok(registry("aws-ec2", "list", "--name", "imported-*"));
    assertThat(list.out().lines()).hasSize(3).allMatch(l -> l.split("\t")[4].equals(md5));
    assertThat(ok(registry("aws-ec2", "show", "--name", "imported-der")).out())
        .contains("publicKey: " + Files.readString(pub).split(" ")[0] + " " + Files.readString(pub).split(" ")[1]
            + " imported-der\n");

    assertThat(ok(registry("aws-ec2", "delete", "--name", "created", "--name", "imported-der")).out())
        .isEqualTo("deleted: created\ndeleted: imported-der\n");
    assertThat(ok(registry("aws-ec2", "delete", "--name", "created")).out()).isEmpty();
    refused(registry("aws-ec2", "show", "--name", "created"), "InvalidKeyPair.NotFound");
    assertThat(ok(registry("aws-ec2", "list")).out().lines()).hasSize(2);
  }

  @Test
  void alibabaEcs() throws Exception {
    Path pub = rsaPublicKey("first", 2048);
    for (String bad : new String[] {"1abc", "a", "http://x"}) {
      refused(registry("alibaba-ecs", "import", "--name", bad, "--in", pub.toString()), "InvalidKeyPairName.Malformed");
    }
    ok(registry("alibaba-ecs", "import", "--name", "first", "--in", pub.toString()));
    Path pem = dir.resolve("second.pem");
    Run second = ok(registry("alibaba-ecs", "create", "--name", "second", "--out", pem.toString()));
    assertThat(Files.readString(pem)).startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(field(second, "fingerprint")).matches("([0-9a-f]{2}:){15}[0-9a-f]{2}");
    String secondLine = ExternalTools.sshKeygen().run("-y", "-f", pem.toString()).ok().out().strip();

    ok(registry("alibaba-ecs", "instance", "add", "--id", "i-linux", "--os", "linux"));
    ok(registry("alibaba-ecs", "instance", "add", "--id", "i-windows", "--os", "windows"));
    Run attach = registry("alibaba-ecs", "attach", "--name", "first", "--instance", "i-linux", "--instance",
        "i-windows");
    assertThat(attach.exit()).isEqualTo(4);
    assertThat(attach.out()).startsWith("i-linux\tok\t").contains("\ni-windows\tDependencyViolation.WindowsInstance\t");
    assertThat(attach.err()).matches(ERROR_LINE)
        .startsWith("keypair: DependencyViolation.WindowsInstance: instance i-windows: ");
    // the Linux result stands, but the instance serves nothing until it restarts
    assertThat(ok(registry("alibaba-ecs", "instance", "show", "--id", "i-linux")).out()).isEmpty();
    assertThat(ok(registry("alibaba-ecs", "instance", "list")).out())
        .contains("i-linux\tlinux\trunning\tfirst\trestart-pending\n");
    ok(registry("alibaba-ecs", "instance", "restart", "--id", "i-linux"));
    String firstLine = Files.readString(pub).split(" ")[0] + " " + Files.readString(pub).split(" ")[1];
    assertThat(ok(registry("alibaba-ecs", "instance", "show", "--id", "i-linux")).out())
        .isEqualTo(firstLine + " first\n");
    assertThat(ok(registry("alibaba-ecs", "instance", "show", "--id", "i-windows")).out()).isEmpty();

    // a second key replaces the first, after a restart
    ok(registry("alibaba-ecs", "attach", "--name", "second", "--instance", "i-linux"));
    assertThat(ok(registry("alibaba-ecs", "instance", "show", "--id", "i-linux")).out())
        .isEqualTo(firstLine + " first\n");
    ok(registry("alibaba-ecs", "instance", "restart", "--id", "i-linux"));
    assertThat(ok(registry("alibaba-ecs", "instance", "show", "--id", "i-linux")).out())
        .isEqualTo(secondLine.split(" ")[0] + " " + secondLine.split(" ")[1] + " second\n");

    refused(registry("alibaba-ecs", "delete", "--name", "second"), "InvalidParameter.KeypairAlreadyAttachedInstance");
    ok(registry("alibaba-ecs", "detach", "--name", "second", "--instance", "i-linux"));
    assertThat(ok(registry("alibaba-ecs", "delete", "--name", "second", "--name", "first")).out())
        .isEqualTo("deleted: second\ndeleted: first\n");
    assertThat(ok(registry("alibaba-ecs", "list")).out()).isEmpty();
  }

  @Test
  void alibabaSwas() throws Exception {
    Path pub2048 = rsaPublicKey("k2048", 2048);
    refused(registry("alibaba-swas", "import", "--name", "a" + "b".repeat(64), "--in", pub2048.toString()),
        "InvalidKeyPairName.Malformed");
    Run imported = ok(registry("alibaba-swas", "import", "--name", "a" + "b".repeat(63), "--in", pub2048.toString()));
    String md5 = ExternalTools.sshKeygen().run("-l", "-E", "md5", "-f", pub2048.toString()).ok().out().split(" ")[1];
    assertThat("MD5:" + field(imported, "fingerprint")).isEqualTo(md5);
    refused(registry("alibaba-swas", "import", "--name", "big", "--in", rsaPublicKey("k4096", 4096).toString()),
        "InvalidPublicKeyBody.Malformed");
    ExternalTools.sshKeygen().run("-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("ed").toString()).ok();
    refused(registry("alibaba-swas", "import", "--name", "ed", "--in", dir.resolve("ed.pub").toString()),
        "InvalidPublicKeyBody.Malformed");
    Run list = ok(registry("alibaba-swas", "list", "--json"));
    assertThat(list.out()).matches("\\{\"keyPairs\":\\[\\{\"id\":\"kp-[0-9a-f]{20}\",\"name\":\"ab{63}\",\"type\":\"rsa\","
        + "\"bits\":2048,\"fingerprint\":\"" + field(imported, "fingerprint") + "\",\"origin\":\"imported\","
        + "\"created\":\"[0-9T:.Z-]+\",\"tags\":\\{\\}\\}\\],\"nextPageToken\":null\\}\n");
  }

  /** Without --store the registry is $KEYPAIR_HOME/registry.db, kept from one run to the next. */
  @Test
  void defaultStoreIsUnderKeypairHome() throws Exception {
    Path key = dir.resolve("d.pem");
    ok(keypair(List.of("registry", "--provider", "aws-ec2", "--region", "us-east-1", "create", "--name", "d",
        "--out", key.toString())));
    assertThat(home.resolve("registry.db")).exists();
    assertThat(ok(keypair(List.of("registry", "--provider", "aws-ec2", "--region", "us-east-1", "list"))).out())
        .contains("\td\trsa\t2048\t");
    assertThat(ok(keypair(List.of("registry", "--provider", "aws-ec2", "--region", "eu-west-1", "list"))).out())
        .isEmpty();
  }

  /** Commands other than registry load no store class and no SQLite: start-up stays lean. */
  @Test
  void otherCommandsLoadNoStoreClass() throws Exception {
    Path demo = ROOT.resolve("keypair-examples/src/main/resources/demo/demo_ed25519.pub");
    for (List<String> args : List.of(List.of("fingerprint", "--in", demo.toString()), List.of("--help"),
        List.of("registry", "--help"))) {
      Run r = keypair(List.of("-Xlog:class+load=info:stderr"), args);
      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(r.err()).contains("dev.keypair.examples.cli.RegistryCommand")
          .doesNotContain("dev.keypair.store", "org.sqlite", "RegistryRun");
    }
  }
}
