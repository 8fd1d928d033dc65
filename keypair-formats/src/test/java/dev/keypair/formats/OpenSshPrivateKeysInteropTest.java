package dev.keypair.formats;

import static dev.keypair.formats.Hostile.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.Comment;
import dev.keypair.core.ErrorCode;
import dev.keypair.core.InsecureSecretAccess;
import dev.keypair.core.KeyData;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.KeyType;
import dev.keypair.core.Passphrase;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.core.SshPublicKey;
import dev.keypair.formats.internal.OpenSshCipher;
import dev.keypair.testsupport.ExternalTools;
import dev.keypair.testsupport.ExternalTools.Tool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Live interop with ssh-keygen and puttygen, both ways, on keys made for the run. ssh-keygen writes
 * every key type with every cipher of {@code ssh -Q cipher} and keypair reads the same key and comment;
 * keypair writes every cipher it writes and {@code ssh-keygen -y} prints the same public key,
 * {@code ssh-keygen -l} the same fingerprint, and {@code ssh-keygen -p} re-encrypts the file; the
 * layout is ssh-keygen's, field for field. puttygen (0.78 reads none, aes256-ctr and aes256-cbc) reads
 * what keypair writes. A missing tool fails the test ({@link ExternalTools}).
 */
class OpenSshPrivateKeysInteropTest {

  private static final KeyPairLimits LIMITS = KeyPairLimits.defaults();
  private static final String PASS = OpenSshKeyFiles.PASSPHRASE;
  private static final String ROUNDS = "2";

  @TempDir
  Path dir;

  private Tool sshKeygen() {
    return ExternalTools.sshKeygen().in(dir);
  }

  private static Passphrase pass(String p) {
    return Passphrase.of(p.toCharArray());
  }

  /** {@code ssh -Q cipher}: the ciphers this OpenSSH has (ssh comes with ssh-keygen in openssh-client). */
  private List<String> sshCiphers() throws IOException, InterruptedException {
    String out = run(List.of("ssh", "-Q", "cipher"), null);
    return Arrays.stream(out.split("\n")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** Runs a command that ExternalTools has no method for; failing to start or exit 0 fails the test. */
  private String run(List<String> command, byte[] stdin) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("LC_ALL", "C");
    Process p = pb.start();
    try (var in = p.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin);
      }
    }
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
    assertThat(p.exitValue()).as("%s: %s", command, new String(out, StandardCharsets.UTF_8)).isZero();
    return new String(out, StandardCharsets.UTF_8);
  }

  private byte[] read(String file) throws IOException {
    return Files.readAllBytes(dir.resolve(file));
  }

  /** Writes a private key file owner-only, as ssh-keygen requires of the files it reads. */
  private void writePrivate(String file, byte[] content) throws IOException {
    Path p = dir.resolve(file);
    Files.deleteIfExists(p);
    Files.createFile(p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.write(p, content);
  }

  private SshPublicKey sshKeygenY(String file, String passphrase) {
    return OpenSshPublicKeys.parse(sshKeygen().run("-y", "-P", passphrase, "-f", file).ok().stdout());
  }

  private static String sha256(KeyData key) throws Exception {
    byte[] h = MessageDigest.getInstance("SHA-256").digest(key.blob().toByteArray());
    return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(h);
  }

  private static KeyProtection protection(String cipher, String passphrase) {
    return cipher.equals("none") ? KeyProtection.none(InsecureSecretAccess.get())
        : KeyProtection.passphrase(pass(passphrase)).withOpenSshCipher(cipher).withBcryptRounds(Integer.parseInt(ROUNDS));
  }

  /**
   * One key per type from ssh-keygen, then every cipher both ways: ssh-keygen re-encrypts it
   * ({@code -p -Z}) and keypair reads it; keypair writes it and ssh-keygen reads it; the two files have
   * the same layout.
   */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"rsa, 2048", "rsa, 4096", "ecdsa, 256", "ecdsa, 384", "ecdsa, 521", "ed25519, 256", "dsa, 1024"})
  void everyCipherBothWays(String type, int bits) throws Exception {
    String comment = "interop " + type + " " + bits;
    sshKeygen().run("-q", "-t", type, "-b", Integer.toString(bits), "-N", "", "-C", comment, "-f", "k").ok();
    SshPublicKey expected = sshKeygenY("k", "");
    assertThat(expected.comment()).isEqualTo(Comment.of(comment));
    DecodedPrivateKey plain = OpenSshPrivateKeys.decode(read("k"), null, LIMITS);
    assertThat(plain.publicKey()).isEqualTo(expected);
    SshPrivateKey key = plain.requirePrivateKey();
    assertThat(key.bits()).isEqualTo(bits);
    boolean writable = key.type() != KeyType.DSA;
    if (writable) {
      writePrivate("ours-none", OpenSshPrivateKeys.encode(key, protection("none", "")));
      OpenSshPrivateKeysTest.assertSameButCheckint(read("ours-none"), read("k"));
      assertThat(sshKeygenY("ours-none", "")).isEqualTo(expected);
    } else {
      assertFails(ErrorCode.UNSUPPORTED_ALGORITHM, () -> OpenSshPrivateKeys.encode(key, protection("none", "")));
    }

    List<String> ciphers = sshCiphers();
    assertThat(ciphers).containsExactlyInAnyOrderElementsOf(Arrays.stream(OpenSshCipher.values())
        .filter(c -> c != OpenSshCipher.NONE).map(OpenSshCipher::sshName).toList());
    String old = "";
    for (String cipher : ciphers) {
      // ssh-keygen encrypts, keypair decrypts
      sshKeygen().run("-q", "-p", "-P", old, "-N", PASS, "-Z", cipher, "-a", ROUNDS, "-f", "k").ok();
      old = PASS;
      byte[] theirs = read("k");
      DecodedPrivateKey d = OpenSshPrivateKeys.decode(theirs, pass(PASS), LIMITS);
      assertThat(d.requirePrivateKey().sameKey(key)).as(cipher).isTrue();
      assertThat(d.publicKey()).isEqualTo(expected);
      assertThat(d.encryption()).contains(cipher + "/bcrypt/" + ROUNDS);
      assertThat(OpenSshPrivateKeys.decode(theirs, null, LIMITS).publicKey()).isEqualTo(SshPublicKey.of(expected.keyData()));
      assertFails(ErrorCode.WRONG_PASSPHRASE, () -> OpenSshPrivateKeys.decode(theirs, pass("wrong"), LIMITS));
      if (!writable || !OpenSshCipher.fromName(cipher).orElseThrow().isWritable()) {
        continue;
      }
      // keypair encrypts, ssh-keygen decrypts and fingerprints
      writePrivate("ours", OpenSshPrivateKeys.encode(key, protection(cipher, PASS)));
      assertThat(sshKeygenY("ours", PASS)).as(cipher).isEqualTo(expected);
      // the comment is encrypted, so ssh-keygen -l says "no comment"
      assertThat(sshKeygen().run("-l", "-f", "ours").ok().out())
          .isEqualTo(bits + " " + sha256(expected.keyData()) + " no comment (" + key.type().label() + ")\n");
      assertSameLayout(read("ours"), theirs);
    }
  }

  /** Everything but the salt, the checkints and the ciphertext is what ssh-keygen wrote. */
  private static void assertSameLayout(byte[] oursText, byte[] theirsText) {
    OpenSshKeyFiles.Parts ours = OpenSshKeyFiles.Parts.of(oursText);
    OpenSshKeyFiles.Parts theirs = OpenSshKeyFiles.Parts.of(theirsText);
    assertThat(ours.cipher()).isEqualTo(theirs.cipher());
    assertThat(ours.kdf()).isEqualTo(theirs.kdf());
    assertThat(ours.salt()).hasSameSizeAs(theirs.salt());
    assertThat(ours.rounds()).isEqualTo(theirs.rounds());
    assertThat(ours.nkeys()).isEqualTo(theirs.nkeys());
    assertThat(ours.publicBlob()).isEqualTo(theirs.publicBlob());
    assertThat(ours.sectionLength()).isEqualTo(theirs.sectionLength());
    assertThat(ours.tag()).hasSameSizeAs(theirs.tag());
    assertThat(OpenSshKeyFiles.Parts.withoutCheckints(ours.decrypt(PASS)))
        .isEqualTo(OpenSshKeyFiles.Parts.withoutCheckints(theirs.decrypt(PASS)));
    assertThat(OpenSshPrivateKeysTest.lineLengths(oursText)).isEqualTo(OpenSshPrivateKeysTest.lineLengths(theirsText));
  }

  /** {@code ssh-keygen -t T -N pass -Z cipher -a rounds}: encrypted from the start, every cipher. */
  @ParameterizedTest
  @ValueSource(strings = {"ed25519", "ecdsa"})
  void sshKeygenGeneratesEncryptedWithEveryCipher(String type) throws Exception {
    for (String cipher : sshCiphers()) {
      String file = "gen-" + cipher;
      sshKeygen().run("-q", "-t", type, "-N", PASS, "-Z", cipher, "-a", ROUNDS, "-C", "generated " + cipher, "-f", file)
          .ok();
      DecodedPrivateKey d = OpenSshPrivateKeys.decode(read(file), pass(PASS), LIMITS);
      assertThat(d.publicKey()).isEqualTo(sshKeygenY(file, PASS));
      assertThat(d.requirePrivateKey().comment()).isEqualTo(Comment.of("generated " + cipher));
      assertThat(d.encryption()).contains(cipher + "/bcrypt/" + ROUNDS);
    }
  }

  /** ssh-keygen's own defaults (aes256-ctr, 16 rounds) and -a 24, keypair's default. */
  @Test
  void sshKeygenDefaultRoundsAnd24() throws Exception {
    sshKeygen().run("-q", "-t", "ed25519", "-N", PASS, "-C", "defaults", "-f", "k16").ok();
    sshKeygen().run("-q", "-t", "ed25519", "-N", PASS, "-a", "24", "-C", "a24", "-f", "k24").ok();
    assertThat(OpenSshPrivateKeys.decode(read("k16"), pass(PASS), LIMITS).encryption()).contains("aes256-ctr/bcrypt/16");
    DecodedPrivateKey d = OpenSshPrivateKeys.decode(read("k24"), pass(PASS), LIMITS);
    assertThat(d.encryption()).contains("aes256-ctr/bcrypt/24");
    assertThat(d.publicKey()).isEqualTo(sshKeygenY("k24", PASS));
    // and keypair's default protection is read by ssh-keygen
    writePrivate("ours", OpenSshPrivateKeys.encode(d.requirePrivateKey(), KeyProtection.passphrase(pass(PASS))));
    assertThat(OpenSshKeyFiles.Parts.of(read("ours")).rounds()).isEqualTo(24);
    assertThat(sshKeygenY("ours", PASS)).isEqualTo(d.publicKey());
  }

  /** The passphrase is hashed as UTF-8, as ssh-keygen does: non-ASCII and long passphrases both ways. */
  @ParameterizedTest
  @ValueSource(strings = {"pässwörd €", "a passphrase longer than the seventy-two bytes bcrypt itself would take, "
      + "which bcrypt_pbkdf hashes first", "x"})
  void passphrasesAreUtf8BothWays(String passphrase) throws Exception {
    Files.write(dir.resolve("pass.txt"), passphrase.getBytes(StandardCharsets.UTF_8));
    // the passphrase goes through a file and the shell, so that the JVM's argument encoding cannot change it
    run(List.of("sh", "-c", "exec ssh-keygen -q -t ed25519 -a 3 -C utf8 -N \"$(cat pass.txt)\" -f theirs"), null);
    DecodedPrivateKey d = OpenSshPrivateKeys.decode(read("theirs"), pass(passphrase), LIMITS);
    assertThat(d.publicKey().keyData()).isEqualTo(OpenSshPublicKeys.parse(read("theirs.pub")).keyData());
    writePrivate("ours", OpenSshPrivateKeys.encode(d.requirePrivateKey(),
        KeyProtection.passphrase(pass(passphrase)).withBcryptRounds(3)));
    String y = run(List.of("sh", "-c", "exec ssh-keygen -y -P \"$(cat pass.txt)\" -f ours"), null);
    assertThat(OpenSshPublicKeys.parse(y.getBytes(StandardCharsets.UTF_8))).isEqualTo(d.publicKey());
  }

  /** {@code ssh-keygen -p} on keypair's file: unencrypted to encrypted, and a passphrase changed. */
  @Test
  void sshKeygenChangesThePassphraseOfOurFile() throws Exception {
    SshPrivateKey key = dev.keypair.testsupport.TestKeys.ecdsaPrivate(dev.keypair.core.EcCurve.NISTP521, 9)
        .withComment(Comment.of("changed by ssh-keygen -p"));
    writePrivate("ours", OpenSshPrivateKeys.encode(key,
        KeyProtection.passphrase(pass("first")).withOpenSshCipher("chacha20-poly1305@openssh.com").withBcryptRounds(3)));
    sshKeygen().run("-q", "-p", "-P", "first", "-N", "second", "-a", ROUNDS, "-f", "ours").ok();
    DecodedPrivateKey d = OpenSshPrivateKeys.decode(read("ours"), pass("second"), LIMITS);
    assertThat(d.requirePrivateKey().sameKey(key)).isTrue();
    assertThat(d.requirePrivateKey().comment()).isEqualTo(key.comment());
    assertThat(d.encryption()).contains("aes256-ctr/bcrypt/" + ROUNDS);
    assertFails(ErrorCode.WRONG_PASSPHRASE, () -> OpenSshPrivateKeys.decode(read("ours"), pass("first"), LIMITS));

    writePrivate("plain", OpenSshPrivateKeys.encode(key, protection("none", "")));
    sshKeygen().run("-q", "-p", "-P", "", "-N", "third", "-a", ROUNDS, "-f", "plain").ok();
    assertThat(OpenSshPrivateKeys.decode(read("plain"), pass("third"), LIMITS).requirePrivateKey().sameKey(key))
        .isTrue();
    // and ssh-keygen -c changes the comment of our unencrypted file
    writePrivate("plain2", OpenSshPrivateKeys.encode(key, protection("none", "")));
    sshKeygen().run("-q", "-c", "-C", "new comment", "-P", "", "-f", "plain2").ok();
    assertThat(OpenSshPrivateKeys.decode(read("plain2"), null, LIMITS).requirePrivateKey().comment())
        .isEqualTo(Comment.of("new comment"));
  }

  /** puttygen imports keypair's files: unencrypted, aes256-ctr and aes256-cbc (what PuTTY 0.78 reads). */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"rsa, 2048", "ecdsa, 256", "ecdsa, 384", "ecdsa, 521", "ed25519, 256"})
  void puttygenReadsOurFiles(String type, int bits) throws Exception {
    sshKeygen().run("-q", "-t", type, "-b", Integer.toString(bits), "-N", "", "-C", "for puttygen", "-f", "k").ok();
    SshPrivateKey key = OpenSshPrivateKeys.decode(read("k"), null, LIMITS).requirePrivateKey();
    Files.write(dir.resolve("pass.txt"), PASS.getBytes(StandardCharsets.UTF_8));
    List<String> done = new ArrayList<>();
    for (String cipher : new String[] {"none", "aes256-ctr", "aes256-cbc"}) {
      writePrivate("ours", OpenSshPrivateKeys.encode(key, protection(cipher, PASS)));
      List<String> args = new ArrayList<>(List.of("ours", "-O", "public-openssh", "-o", "ours.pub"));
      if (!cipher.equals("none")) {
        args.addAll(List.of("--old-passphrase", "pass.txt"));
      }
      ExternalTools.puttygen().in(dir).run(args.toArray(String[]::new)).ok();
      assertThat(OpenSshPublicKeys.parse(read("ours.pub"))).as(cipher).isEqualTo(key.publicKey());
      Files.delete(dir.resolve("ours.pub"));
      done.add(cipher);
    }
    assertThat(done).hasSize(3);
  }
}
