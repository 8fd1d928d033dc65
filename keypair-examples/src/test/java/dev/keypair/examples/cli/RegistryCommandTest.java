package dev.keypair.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.store.InMemoryKeyPairStore;
import dev.keypair.store.spi.KeyPairStore;
import dev.keypair.testsupport.Fixtures;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keypair registry} in-process, over an in-memory store (the JDBC store is the ITs'): every
 * command and option, exit codes, text and JSON output, error lines.
 */
class RegistryCommandTest {

  private static final String ERROR_LINE = "keypair: [A-Za-z.]+: [^\\n]+\\n";

  @TempDir
  Path dir;

  private Function<String, KeyPairStore> saved;
  private final List<String> locations = new ArrayList<>();

  @BeforeEach
  void inMemory() {
    saved = RegistryRun.stores;
    InMemoryKeyPairStore store = InMemoryKeyPairStore.create();
    // the command closes its store after each run; this one lives for the whole test
    KeyPairStore unclosable = (KeyPairStore) Proxy.newProxyInstance(KeyPairStore.class.getClassLoader(),
        new Class<?>[] {KeyPairStore.class}, (proxy, method, args) -> {
          if (method.getName().equals("close")) {
            return null;
          }
          try {
            return method.invoke(store, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
    RegistryRun.stores = location -> {
      locations.add(String.valueOf(location));
      return unclosable;
    };
  }

  @AfterEach
  void restore() {
    RegistryRun.stores = saved;
  }

  private static Cli.Run aws(String... args) {
    return reg("aws-ec2", args);
  }

  private static Cli.Run ecs(String... args) {
    return reg("alibaba-ecs", args);
  }

  private static Cli.Run reg(String provider, String... args) {
    List<String> all = new ArrayList<>(List.of("registry", "--provider", provider, "--region", "eu-west-1"));
    all.addAll(List.of(args));
    return Cli.run(all.toArray(String[]::new));
  }

  private Path fixture(String name) throws Exception {
    Path p = dir.resolve(name);
    Files.write(p, Fixtures.bytes(name));
    return p;
  }

  private static void refused(Cli.Run r, int exit, String code) {
    assertThat(r.exit()).as(r.err()).isEqualTo(exit);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).matches(ERROR_LINE).startsWith("keypair: " + code + ": ");
  }

  private static void usage(Cli.Run r, String... contains) {
    refused(r, 2, "Usage.Invalid");
    assertThat(r.err()).contains(contains);
  }

  // ------------------------------------------------------------------------------------ help and usage

  @Test
  void helpListsTheRegistry() {
    Cli.Run top = Cli.run("--help");
    assertThat(top.exit()).isZero();
    assertThat(top.out()).contains("  registry ");
    Cli.Run help = Cli.run("registry", "--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).startsWith("Usage: keypair registry [--store URL] --provider P --region R COMMAND [OPTIONS]\n")
        .contains("--provider P", "--store URL", "create --name N", "instance show --id I", "attach --name N",
            "nextPageToken", "next-page-token: T");
    for (String line : help.out().split("\n")) {
      assertThat(line.length()).as(line).isLessThanOrEqualTo(80);
    }
    assertThat(Cli.run("registry", "--provider", "aws-ec2", "--region", "r", "create", "--help").out())
        .isEqualTo(help.out());
  }

  @Test
  void usageErrorsExitTwoWithOneLineAndOpenNoStore() {
    usage(Cli.run("registry"), "a registry command is required: create, import, list");
    usage(Cli.run("registry", "--region", "r", "list"), "--provider", "aws-ec2, alibaba-ecs, alibaba-swas, "
        + "openstack-nova, digitalocean, hetzner");
    usage(Cli.run("registry", "--provider", "gcp", "--region", "r", "list"), "unknown provider 'gcp'",
        "aws-ec2, alibaba-ecs");
    usage(Cli.run("registry", "--provider", "aws-ec2", "list"), "--region");
    usage(Cli.run("registry", "--provider", "aws-ec2", "--region", "a/b", "list"), "bad --region 'a/b'");
    usage(aws("frobnicate"), "unknown registry command 'frobnicate'");
    usage(aws("--bogus", "list"), "unknown option '--bogus' for registry");
    usage(aws("list", "--bogus"), "--bogus");
    usage(aws("list", "extra"), "unexpected argument 'extra'");
    usage(aws("instance"), "instance needs one of: add, list, restart, show");
    usage(aws("instance", "reboot"), "instance needs one of");
    usage(aws("create", "--name", "k", "--out", dir.resolve("k").toString(), "--tag", "novalue"),
        "--tag needs KEY=VALUE, not 'novalue'");
    usage(aws("create", "--name", "k", "--out", dir.resolve("k").toString(), "--tag", "a=1", "--tag", "a=2"),
        "--tag a given more than once");
    usage(aws("create", "--name", "k", "--out", dir.resolve("k").toString(), "--type", "dsa"),
        "unknown value 'dsa' for --type");
    usage(aws("create", "--name", "k", "--out", dir.resolve("k").toString(), "--format", "der"),
        "unknown value 'der' for --format");
    usage(aws("create", "--name", "k"), "Missing required option: out");
    usage(aws("create", "--name", "a", "--name", "b", "--out", "x"), "--name given more than once");
    usage(aws("show"), "show needs --name N or --id ID");
    usage(aws("show", "--name", "a", "--id", "b"), "show needs --name N or --id ID");
    usage(aws("list", "--page-size", "ten"), "--page-size needs a number, not 'ten'");
    usage(aws("instance", "add", "--id", "i-1", "--os", "beos"), "unknown value 'beos' for --os");
    usage(aws("attach", "--name", "k"), "instance");
    assertThat(locations).isEmpty();
    assertThat(dir.resolve("k")).doesNotExist();
  }

  @Test
  void storeOptionIsPassedToTheStore() {
    assertThat(aws("list").exit()).isZero();
    assertThat(Cli.run("registry", "--store", "jdbc:sqlite:/tmp/x.db", "--provider", "aws-ec2", "--region", "r",
        "list").exit()).isZero();
    assertThat(locations).containsExactly("null", "jdbc:sqlite:/tmp/x.db");
  }

  // ------------------------------------------------------------------------------------ create

  @Test
  void createWritesThePrivateKeyOwnerOnlyAndPrintsTheRecord() throws Exception {
    Path out = dir.resolve("deploy.pem");
    Cli.Run r = aws("create", "--name", "deploy", "--type", "rsa", "--format", "pem", "--out", out.toString(),
        "--tag", "env=prod", "--tag", "team=a=b");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-------");
    assertThat(Files.readString(out)).startsWith("-----BEGIN RSA PRIVATE KEY-----\n");
    assertThat(r.out()).matches("id: key-[0-9a-f]{17}\n"
        + "name: deploy\n"
        + "type: rsa\n"
        + "bits: 2048\n"
        + "fingerprint: ([0-9a-f]{2}:){19}[0-9a-f]{2}\n"
        + "origin: created\n"
        + "created: \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,3})?Z\n"
        + "tag: env=prod\n"
        + "tag: team=a=b\n")
        .doesNotContain("PRIVATE");
  }

  @Test
  void createJson() throws Exception {
    Cli.Run r = aws("create", "--name", "j", "--type", "ed25519", "--out", dir.resolve("j").toString(), "--json",
        "--tag", "q=\"x\"");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).endsWith("}\n");
    Map<String, Object> m = JsonText.object(r.out());
    assertThat(m.keySet()).containsExactly("id", "name", "type", "bits", "fingerprint", "origin", "created", "tags");
    assertThat(m).containsEntry("name", "j").containsEntry("type", "ed25519").containsEntry("bits", 256L)
        .containsEntry("origin", "created").containsEntry("tags", Map.of("q", "\"x\""));
    assertThat((String) m.get("fingerprint")).matches("[A-Za-z0-9+/]{43}=");
    assertThat(java.time.Instant.parse((String) m.get("created"))).isNotNull();
    assertThat(Files.readString(dir.resolve("j"))).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n");
    // --json before the command works too
    Cli.Run before = Cli.run("registry", "--json", "--provider", "aws-ec2", "--region", "eu-west-1", "show",
        "--name", "j");
    assertThat(JsonText.object(before.out())).containsEntry("id", m.get("id"));
  }

  @Test
  void createPpk() throws Exception {
    Path out = dir.resolve("k.ppk");
    assertThat(aws("create", "--name", "p", "--format", "ppk", "--out", out.toString()).exit()).isZero();
    assertThat(Files.readString(out)).startsWith("PuTTY-User-Key-File-2: ssh-rsa\n");
  }

  @Test
  void createRefusesAnExistingFileUnlessForceAndRegistersNothing() throws Exception {
    Path out = dir.resolve("k");
    Files.writeString(out, "keep me");
    refused(aws("create", "--name", "k", "--out", out.toString()), 4, "File.Exists");
    assertThat(Files.readString(out)).isEqualTo("keep me");
    assertThat(locations).isEmpty();
    assertThat(aws("list").out()).isEmpty();
    Cli.Run r = aws("create", "--name", "k", "--out", out.toString(), "--force");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(Files.readString(out)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-------");
  }

  @Test
  void createThatCannotWriteKeepsNoKeyPair() {
    Path out = dir.resolve("missing-dir/sub/k");
    Cli.Run r = aws("create", "--name", "k", "--out", out.toString());
    refused(r, 3, "Output.Unwritable");
    assertThat(r.err()).contains("the key pair was not kept");
    assertThat(aws("list").out()).isEmpty();
  }

  @Test
  void createRefusals() {
    String out = dir.resolve("x").toString();
    assertThat(aws("create", "--name", "dup", "--out", out).exit()).isZero();
    refused(aws("create", "--name", "dup", "--out", dir.resolve("y").toString()), 4, "InvalidKeyPair.Duplicate");
    assertThat(dir.resolve("y")).doesNotExist();
    refused(ecs("create", "--name", "1abc", "--out", dir.resolve("z").toString()), 4, "InvalidKeyPairName.Malformed");
    refused(ecs("create", "--name", "ok-name", "--type", "ed25519", "--out", dir.resolve("z").toString()), 4,
        "InvalidParameter");
    refused(aws("create", "--name", "t", "--out", dir.resolve("z").toString(), "--tag", "aws:x=1"), 4,
        "InvalidParameterValue");
  }

  // ------------------------------------------------------------------------------------ import

  @Test
  void importEveryRsaFormatAwsTakesWithTheAwsFingerprint() throws Exception {
    String md5 = Fixtures.line("rsa2048.aws-md5");
    int n = 0;
    for (String f : new String[] {"rsa2048.pub", "rsa2048.rfc4716", "rsa2048.der.b64"}) {
      Cli.Run r = aws("import", "--name", "k" + n++, "--in", fixture(f).toString());
      assertThat(r.exit()).as(f + r.err()).isZero();
      assertThat(r.out()).contains("fingerprint: " + md5 + "\n", "origin: imported\n", "bits: 2048\n", "type: rsa\n");
    }
  }

  @Test
  void importFromStandardInput() throws Exception {
    Cli.Run r = Cli.runWithStdin(Fixtures.bytes("ed25519.pub"), "registry", "--provider", "aws-ec2", "--region",
        "eu-west-1", "import", "--name", "e", "--in", "-", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(JsonText.object(r.out())).containsEntry("type", "ed25519").containsEntry("origin", "imported");
  }

  @Test
  void importRefusals() throws Exception {
    refused(aws("import", "--name", "d", "--in", fixture("dsa1024.pub").toString()), 4, "InvalidKeyPair.Format");
    refused(aws("import", "--name", "e", "--in", fixture("ecdsa256.pub").toString()), 4, "InvalidKeyPair.Format");
    Path junk = dir.resolve("junk");
    Files.writeString(junk, "ssh-rsa !!!\n");
    refused(aws("import", "--name", "j", "--in", junk.toString()), 3, "InvalidKey.Format");
    refused(aws("import", "--name", "m", "--in", dir.resolve("missing").toString()), 3, "Input.Unreadable");
    refused(reg("alibaba-swas", "import", "--name", "big", "--in", fixture("rsa4096.pub").toString()), 4,
        "InvalidPublicKeyBody.Malformed");
    assertThat(aws("list").out()).isEmpty();
  }

  @Test
  void privateKeyFileOnlyWithFromPrivate() throws Exception {
    Path key = dir.resolve("id");
    assertThat(Cli.run("generate", "--type", "ed25519", "--out", key.toString()).exit()).isZero();
    Cli.Run r = aws("import", "--name", "p", "--in", key.toString());
    refused(r, 4, "InvalidKeyPair.Format");
    assertThat(r.err()).contains("--from-private");
    Cli.Run ok = aws("import", "--name", "p", "--in", key.toString(), "--from-private");
    assertThat(ok.exit()).as(ok.err()).isZero();
    String fromPub = aws("import", "--name", "q", "--in", key + ".pub", "--from-private").out();
    assertThat(ok.out().lines().filter(l -> l.startsWith("fingerprint: ")).findFirst())
        .isEqualTo(fromPub.lines().filter(l -> l.startsWith("fingerprint: ")).findFirst());
  }

  @Test
  void encryptedPrivateKeyWithPassphraseFile() throws Exception {
    Path key = dir.resolve("enc");
    Path pw = dir.resolve("pw");
    Files.writeString(pw, "secret\n");
    assertThat(Cli.run("generate", "--type", "ed25519", "--new-passphrase-file", pw.toString(), "--out",
        key.toString()).exit()).isZero();
    Path wrong = dir.resolve("wrong");
    Files.writeString(wrong, "nope\n");
    refused(aws("import", "--name", "w", "--in", key.toString(), "--from-private", "--passphrase-file",
        wrong.toString()), 3, "InvalidKey.Passphrase");
    Cli.Run r = aws("import", "--name", "w", "--in", key.toString(), "--from-private", "--passphrase-file",
        pw.toString());
    assertThat(r.exit()).as(r.err()).isZero();
  }

  // ------------------------------------------------------------------------------------ list, show

  @Test
  void listTextJsonFiltersAndPages() throws Exception {
    for (String n : new String[] {"web-1", "web-2", "db-1"}) {
      assertThat(aws("import", "--name", n, "--in", fixture("rsa2048.pub").toString(), "--tag",
          "role=" + n.substring(0, n.indexOf('-'))).exit()).isZero();
    }
    Cli.Run all = aws("list");
    assertThat(all.exit()).isZero();
    List<String> lines = all.out().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).matches("key-[0-9a-f]{17}\tdb-1\trsa\t2048\t" + Fixtures.line("rsa2048.aws-md5")
        + "\timported\t\\S+Z");
    assertThat(aws("list", "--name", "web-*").out().lines()).hasSize(2);
    assertThat(aws("list", "--tag", "role=db").out().lines()).hasSize(1);
    assertThat(aws("list", "--fingerprint", Fixtures.line("rsa2048.aws-md5").toUpperCase()).out().lines()).hasSize(3);

    Cli.Run p1 = aws("list", "--page-size", "2");
    assertThat(p1.out().lines().toList()).hasSize(3).last().asString().startsWith("next-page-token: ");
    String token = p1.out().lines().toList().get(2).substring("next-page-token: ".length());
    Cli.Run p2 = aws("list", "--page-size", "2", "--page-token", token);
    assertThat(p2.out().lines().toList()).hasSize(1).first().asString().contains("\tweb-2\t");

    Map<String, Object> j1 = JsonText.object(aws("list", "--page-size", "2", "--json").out());
    assertThat(j1.keySet()).containsExactly("keyPairs", "nextPageToken");
    assertThat((List<?>) j1.get("keyPairs")).hasSize(2);
    assertThat(j1.get("nextPageToken")).isEqualTo(token);
    Map<String, Object> j2 = JsonText.object(aws("list", "--page-token", token, "--page-size", "2", "--json").out());
    assertThat(j2.get("nextPageToken")).isNull();
    assertThat(j2).containsKey("nextPageToken");
    @SuppressWarnings("unchecked")
    Map<String, Object> last = (Map<String, Object>) ((List<?>) j2.get("keyPairs")).get(0);
    assertThat(last).containsEntry("name", "web-2").containsEntry("tags", Map.of("role", "web"))
        .doesNotContainKey("publicKey");
    assertThat(aws("list", "--name", "none*", "--json").out()).isEqualTo("{\"keyPairs\":[],\"nextPageToken\":null}\n");
    refused(aws("list", "--page-token", "bogus"), 4, "InvalidParameterValue");
    refused(ecs("list", "--page-size", "51"), 4, "InvalidParameter");
  }

  @Test
  void showByNameAndIdWithThePublicKey() throws Exception {
    Cli.Run imported = aws("import", "--name", "me", "--in", fixture("ed25519.pub").toString());
    String id = imported.out().lines().findFirst().orElseThrow().substring("id: ".length());
    Cli.Run byName = aws("show", "--name", "me");
    assertThat(byName.exit()).isZero();
    String blob = Fixtures.line("ed25519.pub").split(" ")[1];
    assertThat(byName.out()).isEqualTo(imported.out() + "publicKey: ssh-ed25519 " + blob + " me\n");
    assertThat(aws("show", "--id", id).out()).isEqualTo(byName.out());
    Map<String, Object> j = JsonText.object(aws("show", "--id", id, "--json").out());
    assertThat(j.keySet()).containsExactly("id", "name", "type", "bits", "fingerprint", "origin", "created", "tags",
        "publicKey");
    assertThat(j).containsEntry("publicKey", "ssh-ed25519 " + blob + " me").containsEntry("tags", Map.of());
    refused(aws("show", "--name", "nobody"), 4, "InvalidKeyPair.NotFound");
    refused(aws("show", "--id", "key-00000000000000000"), 4, "InvalidKeyPair.NotFound");
    // another region is another registry
    refused(Cli.run("registry", "--provider", "aws-ec2", "--region", "us-east-1", "show", "--name", "me"), 4,
        "InvalidKeyPair.NotFound");
  }

  // ------------------------------------------------------------------------------------ delete

  @Test
  void deleteSeveralNamesOnePerCallOnAwsAndIdempotent() throws Exception {
    for (String n : new String[] {"a", "b", "c"}) {
      assertThat(aws("import", "--name", n, "--in", fixture("rsa2048.pub").toString()).exit()).isZero();
    }
    Cli.Run r = aws("delete", "--name", "a", "--name", "b", "c", "--name", "a");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("deleted: a\ndeleted: b\ndeleted: c\n");
    Cli.Run again = aws("delete", "--name", "a", "--json");
    assertThat(again.exit()).isZero();
    assertThat(JsonText.object(again.out())).isEqualTo(Map.of("deleted", List.of()));
    assertThat(aws("list").out()).isEmpty();
  }

  @Test
  void deleteOnAlibabaIsRefusedForAMissingNameAndWhileAttached() throws Exception {
    assertThat(ecs("import", "--name", "k1", "--in", fixture("rsa2048.pub").toString()).exit()).isZero();
    refused(ecs("delete", "--name", "k1", "--name", "nope"), 4, "InvalidKeyPairName.NotFound");
    assertThat(ecs("instance", "add", "--id", "i-1").exit()).isZero();
    assertThat(ecs("attach", "--name", "k1", "--instance", "i-1").exit()).isZero();
    refused(ecs("delete", "--name", "k1"), 4, "InvalidParameter.KeypairAlreadyAttachedInstance");
    assertThat(ecs("detach", "--name", "k1", "--instance", "i-1").exit()).isZero();
    assertThat(ecs("delete", "--name", "k1", "--json").out()).isEqualTo("{\"deleted\":[\"k1\"]}\n");
  }

  // ------------------------------------------------------------------------------------ instances

  @Test
  void instancesAttachRestartDetach() throws Exception {
    assertThat(ecs("import", "--name", "first", "--in", fixture("rsa2048.pub").toString()).exit()).isZero();
    assertThat(ecs("import", "--name", "second", "--in", fixture("ed25519.pub").toString()).exit()).isNotZero();
    assertThat(ecs("import", "--name", "second", "--in", fixture("ecdsa256.pub").toString()).exit()).isZero();
    assertThat(ecs("instance", "add", "--id", "i-lin").out())
        .isEqualTo("id: i-lin\nos: linux\nstate: running\nrestartPending: false\n");
    assertThat(JsonText.object(ecs("instance", "add", "--id", "i-win", "--os", "windows", "--json").out()))
        .containsEntry("os", "windows").containsEntry("keyPair", null).containsEntry("restartPending", false);
    refused(ecs("instance", "add", "--id", "i-lin"), 4, "InvalidParameter");

    Cli.Run attach = ecs("attach", "--name", "first", "--instance", "i-lin", "--instance", "i-win");
    assertThat(attach.exit()).isEqualTo(4);
    assertThat(attach.out()).isEqualTo("i-lin\tok\ttakes effect after a restart\n"
        + "i-win\tDependencyViolation.WindowsInstance\tkey pairs cannot be attached to Windows instances\n");
    assertThat(attach.err()).isEqualTo("keypair: DependencyViolation.WindowsInstance: instance i-win: key pairs "
        + "cannot be attached to Windows instances\n");
    assertThat(ecs("instance", "list").out()).isEqualTo("i-lin\tlinux\trunning\tfirst\trestart-pending\n"
        + "i-win\twindows\trunning\t-\t-\n");
    assertThat(ecs("instance", "show", "--id", "i-lin")).isEqualTo(new Cli.Run(0, "", ""));
    assertThat(ecs("instance", "restart", "--id", "i-lin").out())
        .isEqualTo("id: i-lin\nos: linux\nstate: running\nkeyPair: first\nrestartPending: false\n");
    String firstLine = "ssh-rsa " + Fixtures.line("rsa2048.pub").split(" ")[1] + " first\n";
    assertThat(ecs("instance", "show", "--id", "i-lin").out()).isEqualTo(firstLine);

    Map<String, Object> j = JsonText.object(ecs("attach", "--name", "second", "--instance", "i-lin", "--json").out());
    assertThat(j).isEqualTo(map("keyPair", "second", "results", List.of(map("instance", "i-lin", "succeeded", true,
        "code", null, "message", "takes effect after a restart"))));
    assertThat(ecs("instance", "show", "--id", "i-lin").out()).isEqualTo(firstLine);
    assertThat(ecs("instance", "restart", "--id", "i-lin", "--json").exit()).isZero();
    Map<String, Object> shown = JsonText.object(ecs("instance", "show", "--id", "i-lin", "--json").out());
    assertThat(shown.keySet()).containsExactly("id", "os", "state", "keyPair", "restartPending", "authorizedKeys");
    assertThat((String) shown.get("authorizedKeys")).startsWith("ecdsa-sha2-nistp256 ").endsWith(" second\n");
    Map<String, Object> list = JsonText.object(ecs("instance", "list", "--json").out());
    assertThat((List<?>) list.get("instances")).hasSize(2);

    Cli.Run notBound = ecs("detach", "--name", "first", "--instance", "i-lin");
    assertThat(notBound.exit()).isEqualTo(4);
    assertThat(notBound.err()).matches(ERROR_LINE).startsWith("keypair: InvalidParameter.KeyPairNotAttached: ");
    assertThat(ecs("detach", "--name", "second", "--instance", "i-lin").out())
        .isEqualTo("i-lin\tok\ttakes effect after a restart\n");
    refused(ecs("instance", "show", "--id", "i-none"), 4, "InvalidInstanceId.NotFound");
    refused(ecs("attach", "--name", "ghost", "--instance", "i-lin"), 4, "InvalidKeyPairName.NotFound");
  }

  // ------------------------------------------------------------------------------------ errors

  @Test
  void noStackTraceUnlessDebug() {
    Cli.Run plain = aws("show", "--name", "x");
    assertThat(plain.err()).matches(ERROR_LINE);
    Cli.Run debug = aws("show", "--name", "x", "--debug");
    assertThat(debug.exit()).isEqualTo(4);
    assertThat(debug.err()).startsWith(plain.err()).contains("\tat dev.keypair.store.KeyPairRegistry");
  }

  @Test
  void storeFailureIsOneLine() {
    RegistryRun.stores = location -> {
      throw new UnsupportedOperationException("no store");
    };
    Cli.Run r = aws("list");
    refused(r, 5, "Internal.Error");
  }

  /** A --store that is not a store is bad input (exit 3) with the store's code, and is left as it was. */
  @Test
  void damagedStoreFileIsBadInput() throws Exception {
    RegistryRun.stores = saved;
    Path notAStore = dir.resolve("registry.db");
    Files.writeString(notAStore, "this is not a database, and it is longer than one SQLite header of 100 bytes"
        + " so that SQLite reads it as a file, not as an empty one................................\n");
    byte[] before = Files.readAllBytes(notAStore);
    Cli.Run r = aws("--store", notAStore.toString(), "list");
    refused(r, 3, "Store.Corrupt");
    assertThat(Files.readAllBytes(notAStore)).isEqualTo(before);
  }

  // ------------------------------------------------------------------------------------ JSON writer

  @Test
  void jsonEscapesPerRfc8259AndForJavaScript() {
    String nasty = "q\" b\\ / \b\f\n\r\t \u0000 \u001f \u007f \u2028 \u2029 é 😀 \ud800 x \udc00";
    String json = Json.write(Map.of("k", nasty));
    assertThat(json).isEqualTo("{\"k\":\"q\\\" b\\\\ / \\b\\f\\n\\r\\t \\u0000 \\u001f \\u007f \\u2028 \\u2029 é 😀 "
        + "\\ud800 x \\udc00\"}");
    assertThat(JsonText.object(json)).containsEntry("k", nasty);
    for (char c = 0; c < 0x20; c++) {
      assertThat(Json.quote(String.valueOf(c))).doesNotContain(String.valueOf(c));
    }
    assertThat(Json.write(java.util.Arrays.asList(1, 2L, true, null, List.of(), Map.of())))
        .isEqualTo("[1,2,true,null,[],{}]");
  }

  /** A map in this order; null values allowed (JSON null). */
  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
