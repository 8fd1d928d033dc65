package dev.keypair.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.Comment;
import dev.keypair.core.InsecureSecretAccess;
import dev.keypair.core.Passphrase;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.core.internal.SshWireWriter;
import dev.keypair.formats.Hostile;
import dev.keypair.formats.KeyProtection;
import dev.keypair.formats.PrivateKeyFormat;
import dev.keypair.formats.PrivateKeys;
import dev.keypair.testsupport.Fixtures;
import dev.keypair.testsupport.TestKeys;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The hostile files of the command's conformance run (../shared/HOSTILE.md), made at test time in a folder: each is a
 * file the command must refuse with exit 3 and one error line, quickly. Besides files with content: a folder, a
 * missing file, {@code /dev/zero} and a FIFO nobody writes to.
 */
final class HostileFiles {

  /** The passphrase of the encrypted files, in {@link #passphraseFile}. */
  static final String PASSPHRASE = "correct horse";

  final Path passphraseFile;
  /** A good key, encrypted with {@link #PASSPHRASE} (bcrypt with few rounds), and one without a passphrase. */
  private Path encryptedKey;
  private Path plainKey;
  /** File name to path, in a stable order. */
  final Map<String, Path> files = new LinkedHashMap<>();

  private final Path dir;

  /**
   * One run of the command on a hostile file: what it is called, its arguments, the exit code it must give, and
   * whether the script run ({@code HostileFilesIT}) makes it too: one run of each command per file, and each
   * passphrase option on the files that are no passphrase file; the in-process test makes them all.
   */
  record Run(String label, List<String> args, int exit, boolean script) {}

  /**
   * Every command and option that reads a key file, on {@code file}: with and without a passphrase, for public and
   * private outputs, and registry import into the store at {@code store} (a private key file, even a broken one, is
   * refused by the provider's rule unless --from-private: exit 4).
   */
  List<Run> runs(String name, Path store) {
    String in = files.get(name).toString();
    String pass = passphraseFile.toString();
    List<Run> runs = new ArrayList<>();
    BiConsumer<String, String[]> bad = (label, args) -> runs.add(new Run(name + " | " + label, List.of(args), 3,
        SCRIPT_RUNS.contains(label)));
    bad.accept("public", new String[] {"public", "--in", in});
    bad.accept("public rfc4716 +pass", new String[] {"public", "--in", in, "--format", "rfc4716",
        "--passphrase-file", pass});
    bad.accept("fingerprint", new String[] {"fingerprint", "--in", in});
    bad.accept("fingerprint md5 +pass", new String[] {"fingerprint", "--in", in, "--hash", "md5",
        "--passphrase-file", pass});
    bad.accept("fingerprint aws +pass", new String[] {"fingerprint", "--aws", "--in", in, "--passphrase-file", pass});
    bad.accept("convert openssh", new String[] {"convert", "--in", in, "--format", "openssh"});
    bad.accept("convert pkcs8 +pass +new", new String[] {"convert", "--in", in, "--format", "pkcs8",
        "--passphrase-file", pass, "--new-passphrase-file", pass});
    bad.accept("verify", new String[] {"verify", "--in", in, "--fingerprint", VERIFY_FP});
    bad.accept("user-data", new String[] {"user-data", "--user", "ec2-user", "--in", in});
    bad.accept("authorized-keys add", new String[] {"authorized-keys", "add", "--file",
        store.resolveSibling("authorized_keys").toString(), "--in", in});
    bad.accept("doctor", new String[] {"doctor", "--key", in});
    bad.accept("verify +pass", new String[] {"verify", "--in", in, "--fingerprint", VERIFY_FP,
        "--passphrase-file", pass});
    String[] registry = {"registry", "--store", store.toString(), "--provider", "aws-ec2", "--region", "eu-west-1",
        "import", "--name", "hostile", "--in", in};
    runs.add(new Run(name + " | registry import", List.of(registry), looksPrivate(name) ? 4 : 3, false));
    String[] fromPrivate = Arrays.copyOf(registry, registry.length + 3);
    fromPrivate[registry.length] = "--from-private";
    fromPrivate[registry.length + 1] = "--passphrase-file";
    fromPrivate[registry.length + 2] = pass;
    bad.accept("registry import --from-private +pass", fromPrivate);
    return runs;
  }

  /** Files that are no passphrase file at all: not a readable file, empty, or over the passphrase file cap. */
  private static final Set<String> NO_PASSPHRASE_FILE = Set.of("a-directory", "missing", "dev-zero",
      "fifo-without-writer", "empty", "over-1-MiB-base64", "line-over-64-KiB");

  /**
   * The file {@code name} as the passphrase file: of an encrypted key (every file is at best a wrong passphrase) and,
   * where it is not a passphrase file at all, as the new passphrase of a plain key.
   */
  List<Run> passphraseRuns(String name) {
    String file = files.get(name).toString();
    List<Run> runs = new ArrayList<>();
    runs.add(new Run(name + " | as --passphrase-file", List.of("convert", "--in", encryptedKey.toString(), "--format",
        "openssh", "--passphrase-file", file), 3, NO_PASSPHRASE_FILE.contains(name)));
    if (NO_PASSPHRASE_FILE.contains(name)) {
      runs.add(new Run(name + " | as --new-passphrase-file", List.of("convert", "--in", plainKey.toString(),
          "--format", "openssh", "--new-passphrase-file", file), 3, true));
    }
    return runs;
  }

  /** The whole wall-clock budget of one run on a hostile file, the command's start included. */
  static final Duration BUDGET = Duration.ofSeconds(5);

  /**
   * What the command did on a hostile file, checked against the contract: the exit code, nothing on stdout, exactly
   * one line {@code keypair: CODE: message} on stderr (no warning before it, no stack trace), within {@link #BUDGET}.
   */
  static void check(Run run, int exit, String out, String err, Duration took) {
    assertThat(exit).as("%s: exit code; stderr: %s", run.label(), err).isEqualTo(run.exit());
    assertThat(out).as("%s: stdout", run.label()).isEmpty();
    assertThat(err).as("%s: stderr", run.label()).matches(ERROR_LINE).doesNotContain("Internal.").hasLineCount(1);
    assertThat(took).as("%s: wall time", run.label()).isLessThan(BUDGET);
  }

  private static final String ERROR_LINE = "keypair: [A-Z][A-Za-z0-9]*(\\.[A-Z][A-Za-z0-9]*)+: [^\\n]+\\n";

  /** The runs of each file the script run makes: every command once, three of them with a passphrase. */
  private static final Set<String> SCRIPT_RUNS = Set.of("public", "fingerprint", "convert pkcs8 +pass +new",
      "verify +pass", "registry import --from-private +pass", "user-data", "authorized-keys add", "doctor");

  /** A fingerprint that no hostile file can match (verify must fail on the file, not answer "no match"). */
  private static final String VERIFY_FP = "SHA256:bGkNAcRW+FpjTTeQQ7Rpl4ndD5df/zagFRCAegS7UPs";

  private boolean looksPrivate(String name) {
    Path p = files.get(name);
    try {
      return Files.isRegularFile(p) && PrivateKeys.detect(Files.readAllBytes(p)).isPresent();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** The good encrypted key's file. */
  byte[] encryptedKeyBytes() {
    try {
      return Files.readAllBytes(encryptedKey);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private HostileFiles(Path dir) throws IOException {
    this.dir = dir;
    this.passphraseFile = Files.writeString(dir.resolve("passphrase"), PASSPHRASE + "\n");
  }

  /** Makes the corpus in {@code dir} (the FIFO needs {@code mkfifo}). */
  static HostileFiles create(Path dir) throws Exception {
    HostileFiles h = new HostileFiles(dir);
    h.framing();
    h.der();
    h.privateKeys();
    h.keyMaterial();
    h.notFiles();
    return h;
  }

  private void add(String name, byte[] content) throws IOException {
    files.put(name, Files.write(dir.resolve(name), content));
  }

  private void add(String name, String content) throws IOException {
    add(name, content.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  private static String pem(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + label + "-----\n";
  }

  /** HOSTILE 1-5, 8, 9: sizes, lengths, truncations, flips, PEM framing. */
  private void framing() throws IOException {
    add("empty", new byte[0]);
    add("nul-bytes", new byte[4096]);
    String ed = Fixtures.line("ed25519.pub");
    add("nul-in-key-line", ed.substring(0, 30) + "\0" + ed.substring(30) + "\n");
    byte[] garbage = new byte[8192];
    new Random(5).nextBytes(garbage);
    add("binary-garbage", garbage);
    add("utf16-text", ("\uFEFF" + ed).getBytes(StandardCharsets.UTF_16LE));
    byte[] over = new byte[(1 << 20) + 100];
    Arrays.fill(over, (byte) 'A');
    add("over-1-MiB-base64", pem("PUBLIC KEY", Arrays.copyOf(over, (1 << 20) + 100)));
    add("line-over-64-KiB", "ssh-rsa " + "A".repeat(70_000) + " long\n");
    add("pem-line-over-64-KiB", "-----BEGIN PUBLIC KEY-----\n" + "A".repeat(70_000) + "\n-----END PUBLIC KEY-----\n");

    byte[] blob = Base64.getDecoder().decode(ed.split(" ")[1]);
    for (long length : new long[] {0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL}) {
      byte[] b = blob.clone();
      ByteBuffer.wrap(b).putInt((int) length); // the key type's length
      add("public-blob-length-" + Long.toHexString(length), "ssh-ed25519 " + b64(b) + " x\n");
      byte[] k = blob.clone();
      ByteBuffer.wrap(k).putInt(4 + 11, (int) length); // the key's length, after "ssh-ed25519"
      add("public-key-length-" + Long.toHexString(length), "ssh-ed25519 " + b64(k) + " x\n");
    }
    add("public-trailing-bytes", "ssh-ed25519 " + b64(Arrays.copyOf(blob, blob.length + 4)) + " x\n");
    add("truncated-key-line", ed.substring(0, ed.length() / 2) + "\n");
    String rsa = Fixtures.line("rsa2048.pub");
    add("truncated-base64", rsa.substring(0, rsa.indexOf(' ') + 101) + " x\n");
    byte[] flipped = blob.clone();
    flipped[6] ^= 0x01; // "ssh-ed25519" becomes another name
    add("bit-flipped-type", "ssh-ed25519 " + b64(flipped) + " x\n");
    add("rfc4716-bad-base64", "---- BEGIN SSH2 PUBLIC KEY ----\nAAAA*AAA\n---- END SSH2 PUBLIC KEY ----\n");
    String rfc = Fixtures.text("ed25519.rfc4716");
    add("rfc4716-truncated", rfc.substring(0, rfc.length() / 2));
    String spki = Fixtures.text("rsa2048.pkcs8.pem");
    add("pem-truncated", spki.substring(0, spki.length() / 2));
    add("pem-missing-end", spki.substring(0, spki.indexOf("-----END")));
    add("pem-mismatched-labels", spki.replace("-----END PUBLIC KEY-----", "-----END RSA PUBLIC KEY-----"));
    add("pem-unknown-label", spki.replace("PUBLIC KEY-----", "CERTIFICATE REQUEST-----"));
    add("pem-base64-garbage", "-----BEGIN PUBLIC KEY-----\n!!!!not base64!!!!\n-----END PUBLIC KEY-----\n");
    add("pem-private-mismatched-labels", "-----BEGIN PRIVATE KEY-----\nMAA=\n-----END RSA PRIVATE KEY-----\n");
    add("pem-unknown-dek-cipher", "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
        + "DEK-Info: ROT13-CBC,00112233445566778899AABBCCDDEEFF\n\nMAA=\n-----END RSA PRIVATE KEY-----\n");
  }

  /** HOSTILE 6, 7: DER length 0x84 7fffffff and 5000-deep nesting, in every wrapping. */
  private void der() throws IOException {
    add("der-length-84-7fffffff", "-----BEGIN RSA PRIVATE KEY-----\nMIICWgIBAAKEf////w==\n-----END RSA PRIVATE KEY-----\n");
    add("der-length-84-7fffffff-public", pem("PUBLIC KEY", Base64.getDecoder().decode("MIICWgIBAAKEf////w==")));
    byte[] nested = Hostile.nestedSequences(5000);
    add("nested-5000-private-key", pem("PRIVATE KEY", nested));
    add("nested-5000-ec-private-key", pem("EC PRIVATE KEY", nested));
    add("nested-5000-public-key", pem("PUBLIC KEY", nested));
    add("nested-5000-der-base64", b64(nested) + "\n");
  }

  /** HOSTILE 10-19: openssh-key-v1 and PPK fields, caps checked before the KDF. */
  private void privateKeys() throws IOException {
    SshPrivateKey key = TestKeys.ed25519Private(5).withComment(Comment.of("hostile"));
    try (Passphrase p = Passphrase.of(PASSPHRASE.toCharArray())) {
      KeyProtection cheap = KeyProtection.passphrase(p).withBcryptRounds(2)
          .withArgon2(KeyProtection.Argon2Variant.ARGON2ID, 64, 1, 1);
      String openssh = new String(PrivateKeys.encode(key, PrivateKeyFormat.OPENSSH, cheap), StandardCharsets.US_ASCII);
      for (long rounds : new long[] {0, 1L << 31, 0xFFFFFFFFL}) {
        add("openssh-bcrypt-rounds-" + rounds, withOpenSshBody(openssh, body -> {
          // "openssh-key-v1\0", string cipher, string kdfname, string kdfoptions = (string salt, uint32 rounds)
          ByteBuffer b = ByteBuffer.wrap(body);
          int at = 15;
          at += 4 + b.getInt(at);
          at += 4 + b.getInt(at);
          int options = at + 4;
          b.putInt(options + 4 + b.getInt(options), (int) rounds);
        }));
      }
      String plain = new String(PrivateKeys.encode(key, PrivateKeyFormat.OPENSSH,
          KeyProtection.none(InsecureSecretAccess.get())), StandardCharsets.US_ASCII);
      encryptedKey = Files.writeString(dir.resolve("good-encrypted-key"), openssh);
      plainKey = Files.writeString(dir.resolve("good-plain-key"), plain);
      add("openssh-nkeys-ffffffff", withOpenSshBody(plain, body -> {
        ByteBuffer b = ByteBuffer.wrap(body);
        int at = 15;
        for (int i = 0; i < 3; i++) {
          at += 4 + b.getInt(at);
        }
        b.putInt(at, -1);
      }));
      add("openssh-private-byte-flipped", withOpenSshBody(plain, body -> body[body.length - 30] ^= 0x01));
      add("openssh-truncated", plain.substring(0, plain.length() / 2) + "\n-----END OPENSSH PRIVATE KEY-----\n");

      String ppk = new String(PrivateKeys.encode(key, PrivateKeyFormat.PPK, cheap), StandardCharsets.US_ASCII);
      add("ppk-argon2-memory-4294967295", ppk.replaceFirst("Argon2-Memory: \\d+", "Argon2-Memory: 4294967295"));
      add("ppk-argon2-passes-2147483648", ppk.replaceFirst("Argon2-Passes: \\d+", "Argon2-Passes: 2147483648"));
      add("ppk-argon2-parallelism-0", ppk.replaceFirst("Argon2-Parallelism: \\d+", "Argon2-Parallelism: 0"));
      String ppkPlain = new String(PrivateKeys.encode(key, PrivateKeyFormat.PPK,
          KeyProtection.none(InsecureSecretAccess.get())), StandardCharsets.US_ASCII);
      add("ppk-public-lines-negative", ppkPlain.replaceFirst("Public-Lines: \\d+", "Public-Lines: -1"));
      add("ppk-private-lines-huge", ppkPlain.replaceFirst("Private-Lines: \\d+", "Private-Lines: 99999999"));
      int mac = ppkPlain.indexOf("Private-MAC: ") + 13;
      add("ppk-mac-changed", ppkPlain.substring(0, mac) + (ppkPlain.charAt(mac) == '0' ? '1' : '0')
          + ppkPlain.substring(mac + 1));
      add("ppk-truncated", ppkPlain.substring(0, ppkPlain.length() / 2));
    }
  }

  private interface Patch {
    void apply(byte[] body);
  }

  private static String withOpenSshBody(String file, Patch patch) {
    String b64 = file.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    byte[] body = Base64.getDecoder().decode(b64);
    patch.apply(body);
    return pem("OPENSSH PRIVATE KEY", body);
  }

  /** HOSTILE 21, 23, 25, 26: keys that parse but must not be used. */
  private void keyMaterial() throws IOException {
    BigInteger evenModulus = BigInteger.ONE.shiftLeft(2047).add(BigInteger.TWO);
    add("rsa-even-modulus", "ssh-rsa " + b64(new SshWireWriter().writeString("ssh-rsa")
        .writeMpint(BigInteger.valueOf(65537)).writeMpint(evenModulus).toByteArray()) + " x\n");
    add("rsa-exponent-1", "ssh-rsa " + b64(new SshWireWriter().writeString("ssh-rsa")
        .writeMpint(BigInteger.ONE).writeMpint(evenModulus.add(BigInteger.ONE)).toByteArray()) + " x\n");
    byte[] offCurve = new byte[65];
    offCurve[0] = 4;
    offCurve[32] = 1;
    offCurve[64] = 1;
    add("ecdsa-off-curve", "ecdsa-sha2-nistp256 " + b64(new SshWireWriter().writeString("ecdsa-sha2-nistp256")
        .writeString("nistp256").writeString(offCurve).toByteArray()) + " x\n");
    add("ed25519-31-bytes", "ssh-ed25519 " + b64(new SshWireWriter().writeString("ssh-ed25519")
        .writeString(new byte[31]).toByteArray()) + " x\n");
  }

  /** A folder, a missing file, a device that never ends and a FIFO without a writer. */
  private void notFiles() throws Exception {
    files.put("a-directory", Files.createDirectory(dir.resolve("a-directory")));
    files.put("missing", dir.resolve("missing"));
    files.put("dev-zero", Path.of("/dev/zero"));
    Path fifo = dir.resolve("fifo-without-writer");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    if (!mkfifo.waitFor(30, TimeUnit.SECONDS) || mkfifo.exitValue() != 0) {
      throw new IOException("mkfifo failed");
    }
    files.put("fifo-without-writer", fifo);
  }
}
