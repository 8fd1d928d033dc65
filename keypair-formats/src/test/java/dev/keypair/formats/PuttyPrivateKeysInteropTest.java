package dev.keypair.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.Comment;
import dev.keypair.core.DsaPrivateKeyData;
import dev.keypair.core.EcCurve;
import dev.keypair.core.EcdsaPrivateKeyData;
import dev.keypair.core.InsecureSecretAccess;
import dev.keypair.core.Passphrase;
import dev.keypair.core.PrivateKeyData;
import dev.keypair.core.RsaPrivateKeyData;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.core.SshPublicKey;
import dev.keypair.formats.KeyProtection.Argon2Variant;
import dev.keypair.testsupport.ExternalTools;
import dev.keypair.testsupport.ExternalTools.Tool;
import dev.keypair.testsupport.TestKeys;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Live interop with puttygen (and ssh-keygen, openssl as referees), both ways, on keys made for the
 * run. puttygen writes every version, encryption and Argon2 variant, and keypair reads the key that
 * puttygen exports; keypair writes them all, and puttygen reads back our public key and private values,
 * and fingerprints them as ssh-keygen does. A missing tool fails the test ({@link ExternalTools}).
 */
class PuttyPrivateKeysInteropTest {

  private static final String PASSPHRASE = "interop pass wörd";
  private static final String COMMENT = "keypair interop  ü";

  @TempDir
  Path dir;

  private Tool puttygen() {
    return ExternalTools.puttygen().in(dir);
  }

  private Tool openssl() {
    return ExternalTools.openssl().in(dir);
  }

  private Tool sshKeygen() {
    return ExternalTools.sshKeygen().in(dir);
  }

  private static Passphrase passphrase() {
    return Passphrase.of(PASSPHRASE.toCharArray());
  }

  private void writePassphrase() throws IOException {
    Files.writeString(dir.resolve("pass"), PASSPHRASE + "\n", StandardCharsets.UTF_8);
  }

  private byte[] read(String file) throws IOException {
    return Files.readAllBytes(dir.resolve(file));
  }

  /** The ways puttygen writes a key: {@code --ppk-param} value and whether it is encrypted. */
  private static final Map<String, String> PUTTYGEN_WRITES = new LinkedHashMap<>();

  static {
    PUTTYGEN_WRITES.put("v3", "version=3");
    PUTTYGEN_WRITES.put("v2", "version=2");
    PUTTYGEN_WRITES.put("v2_enc", "version=2");
    PUTTYGEN_WRITES.put("v3_argon2id", "version=3,kdf=argon2id,memory=512,passes=2,parallelism=1");
    PUTTYGEN_WRITES.put("v3_argon2i", "version=3,kdf=argon2i,memory=256,passes=3,parallelism=2");
    PUTTYGEN_WRITES.put("v3_argon2d", "version=3,kdf=argon2d,memory=200,passes=1,parallelism=3");
  }

  // ---------------------------------------------------------------- puttygen writes, keypair reads

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"rsa, 2048", "rsa, 4096", "ecdsa, 256", "ecdsa, 384", "ecdsa, 521", "ed25519, 255", "dsa, 1024"})
  void puttygenWritesKeypairReads(String type, int bits) throws IOException {
    writePassphrase();
    Files.writeString(dir.resolve("empty"), "");
    if (type.equals("rsa")) {
      // openssl makes RSA keys faster than puttygen; puttygen imports them
      openssl().run("genrsa", "-traditional", "-out", "k.pem", Integer.toString(bits)).ok();
      puttygen().run("k.pem", "-O", "private", "-o", "k.ppk", "-C", COMMENT).ok();
    } else {
      puttygen().run("-t", type, "-b", Integer.toString(bits), "-C", COMMENT, "--new-passphrase", "empty",
          "-o", "k.ppk").ok();
    }
    SshPublicKey expectedPublic = OpenSshPublicKeys.parse(puttygen().run("k.ppk", "-O", "public-openssh").ok().stdout());
    assertThat(expectedPublic.comment()).isEqualTo(Comment.of(COMMENT));
    SshPrivateKey first = null;
    for (Map.Entry<String, String> w : PUTTYGEN_WRITES.entrySet()) {
      String file = w.getKey() + ".ppk";
      List<String> args = new ArrayList<>(List.of("k.ppk", "-O", "private", "-o", file, "-C", COMMENT,
          "--ppk-param", w.getValue()));
      boolean encrypted = !w.getKey().equals("v3") && !w.getKey().equals("v2");
      if (encrypted) {
        args.addAll(List.of("--new-passphrase", "pass"));
      }
      puttygen().run(args.toArray(String[]::new)).ok();
      DecodedPrivateKey d = PuttyPrivateKeys.decode(read(file), passphrase());
      assertThat(d.publicKey()).as(file).isEqualTo(expectedPublic);
      assertThat(d.isEncrypted()).as(file).isEqualTo(encrypted);
      if (w.getKey().startsWith("v3_")) {
        String kdf = w.getKey().substring(3);
        assertThat(d.encryption()).as(file).hasValueSatisfying(e -> assertThat(e.toLowerCase()).startsWith(
            "aes256-cbc/" + kdf + "/"));
      }
      SshPrivateKey k = d.requirePrivateKey();
      if (first == null) {
        first = k;
        assertThat(k.comment()).isEqualTo(Comment.of(COMMENT));
        assertPrivateValues(k, "k.ppk", null);
      } else {
        assertThat(k.sameKey(first)).as(file).isTrue();
      }
    }
  }

  /**
   * The private values of {@code key} are those of the key in {@code ppk} as puttygen exports it:
   * {@code -O private-openssh} (PEM) read by {@code openssl pkey -text}, or for Ed25519 (which has no
   * PEM form in puttygen) {@code -O private-openssh-new} read by {@link PpkFixtures#openSsh}, whose
   * public half {@code ssh-keygen -y} also derives.
   */
  private void assertPrivateValues(SshPrivateKey key, String ppk, String passphraseFile) throws IOException {
    PrivateKeyData data = key.keyData();
    InsecureSecretAccess a = InsecureSecretAccess.get();
    List<String> base = new ArrayList<>(List.of(ppk));
    if (passphraseFile != null) {
      // exported in the clear: puttygen otherwise keeps the passphrase
      Files.writeString(dir.resolve("empty"), "");
      base.addAll(List.of("--old-passphrase", passphraseFile, "--new-passphrase", "empty"));
    }
    if (data instanceof dev.keypair.core.Ed25519PrivateKeyData) {
      List<String> args = new ArrayList<>(base);
      args.addAll(List.of("-O", "private-openssh-new", "-o", "exported.key"));
      puttygen().run(args.toArray(String[]::new)).ok();
      assertThat(PpkFixtures.openSsh(read("exported.key")).sameKey(key)).isTrue();
      Files.setPosixFilePermissions(dir.resolve("exported.key"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      String derived = sshKeygen().run("-y", "-f", "exported.key").ok().out();
      assertThat(OpenSshPublicKeys.parse(derived).keyData()).isEqualTo(key.keyData().publicKey());
      return;
    }
    List<String> args = new ArrayList<>(base);
    args.addAll(List.of("-O", "private-openssh", "-o", "exported.pem"));
    puttygen().run(args.toArray(String[]::new)).ok();
    Map<String, BigInteger> v = PpkFixtures.opensslNumbers(
        openssl().run("pkey", "-in", "exported.pem", "-text", "-noout").ok().out());
    if (data instanceof RsaPrivateKeyData rsa) {
      assertThat(v.get("modulus")).isEqualTo(rsa.publicKey().modulus());
      assertThat(v.get("privateExponent")).isEqualTo(rsa.privateExponent(a));
      // puttygen keeps RSA keys with p > q: on loading a key with p < q it swaps them
      BigInteger p = rsa.primeP(a).max(rsa.primeQ(a));
      BigInteger q = rsa.primeP(a).min(rsa.primeQ(a));
      assertThat(v.get("prime1")).isEqualTo(p);
      assertThat(v.get("prime2")).isEqualTo(q);
      assertThat(v.get("coefficient")).isEqualTo(q.modInverse(p));
    } else if (data instanceof EcdsaPrivateKeyData ec) {
      assertThat(v.get("priv")).isEqualTo(ec.privateScalar(a));
    } else {
      assertThat(v.get("priv")).isEqualTo(((DsaPrivateKeyData) data).privateValue(a));
    }
  }

  // ---------------------------------------------------------------- keypair writes, puttygen reads

  static Stream<Arguments> ourKeys() {
    List<RsaPrivateKeyData> pool = TestKeys.rsaPool();
    return Stream.of(
        Arguments.of("rsa2048", SshPrivateKey.of(pool.stream().filter(k -> k.bits() == 2048).findFirst().orElseThrow())),
        Arguments.of("rsa4096", SshPrivateKey.of(pool.stream().filter(k -> k.bits() == 4096).findFirst().orElseThrow())),
        Arguments.of("ecdsa256", TestKeys.ecdsaPrivate(EcCurve.NISTP256, 11)),
        Arguments.of("ecdsa384", TestKeys.ecdsaPrivate(EcCurve.NISTP384, 12)),
        Arguments.of("ecdsa521", TestKeys.ecdsaPrivate(EcCurve.NISTP521, 13)),
        Arguments.of("ed25519", TestKeys.ed25519Private(14)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ourKeys")
  void keypairWritesPuttygenReads(String name, SshPrivateKey bare) throws IOException {
    writePassphrase();
    SshPrivateKey key = bare.withComment(Comment.of(COMMENT));
    Files.write(dir.resolve("ours.pub"), OpenSshPublicKeys.encode(key.publicKey()));
    String sha256 = field(sshKeygen().run("-l", "-f", "ours.pub").ok().out(), 1);
    String md5 = field(sshKeygen().run("-l", "-E", "md5", "-f", "ours.pub").ok().out(), 1);
    Map<String, KeyProtection> ways = new LinkedHashMap<>();
    KeyProtection encrypted = KeyProtection.passphrase(passphrase());
    ways.put("v3", KeyProtection.none(InsecureSecretAccess.get()));
    ways.put("v2", KeyProtection.none(InsecureSecretAccess.get()));
    ways.put("v2_enc", encrypted);
    ways.put("v3_argon2id", encrypted.withArgon2(Argon2Variant.ARGON2ID, 512, 2, 1));
    ways.put("v3_argon2i", encrypted.withArgon2(Argon2Variant.ARGON2I, 256, 3, 2));
    ways.put("v3_argon2d", encrypted.withArgon2(Argon2Variant.ARGON2D, 200, 1, 3));
    for (Map.Entry<String, KeyProtection> w : ways.entrySet()) {
      String file = w.getKey() + ".ppk";
      Files.write(dir.resolve(file), PuttyPrivateKeys.encode(key, w.getKey().startsWith("v2") ? 2 : 3, w.getValue()));
      String pass = w.getValue().isEncrypted() ? "pass" : null;
      List<String> args = new ArrayList<>(List.of(file, "-O", "public-openssh"));
      if (pass != null) {
        args.addAll(List.of("--old-passphrase", pass));
      }
      SshPublicKey theirs = OpenSshPublicKeys.parse(puttygen().run(args.toArray(String[]::new)).ok().stdout());
      assertThat(theirs).as(file).isEqualTo(key.publicKey());
      assertPrivateValues(key, file, pass);
      // puttygen -l fingerprints the public half, which needs no passphrase, as ssh-keygen does
      assertThat(field(puttygen().run("-l", file).ok().out(), 2)).as(file).isEqualTo(sha256);
      assertThat("MD5:" + field(puttygen().run("-l", "-E", "md5", file).ok().out(), 2)).as(file).isEqualTo(md5);
    }
    if (name.equals("ed25519")) {
      // puttygen refuses a wrong passphrase for our file (the public export above needs none: the private
      // exports are what show that puttygen derived the keys and checked our MAC)
      Files.writeString(dir.resolve("wrong"), "not it\n");
      for (String file : List.of("v3_argon2d.ppk", "v2_enc.ppk")) {
        ExternalTools.Result r = puttygen().run(file, "--old-passphrase", "wrong", "-O", "private-openssh-new",
            "-o", "never.key");
        assertThat(r.exitCode()).as(file).isNotZero();
        assertThat(r.err()).as(file).contains("wrong passphrase");
      }
    }
  }

  @Test
  void puttygenReadsArgon2AtItsDefaults() throws IOException {
    writePassphrase();
    SshPrivateKey key = TestKeys.ed25519Private(21).withComment(Comment.of(COMMENT));
    Files.write(dir.resolve("d.ppk"), PuttyPrivateKeys.encode(key, PrivateKeyFormat.PPK, KeyProtection.passphrase(passphrase())));
    assertThat(new String(read("d.ppk"), StandardCharsets.US_ASCII)).contains("Key-Derivation: Argon2id\n"
        + "Argon2-Memory: 8192\nArgon2-Passes: 34\nArgon2-Parallelism: 1\n");
    assertPrivateValues(key, "d.ppk", "pass");
  }

  private static String field(String line, int index) {
    return line.strip().split(" ")[index];
  }

  // ---------------------------------------------------------------- byte for byte

  /**
   * From the same PEM key with the same comment, puttygen and keypair write the same bytes: unencrypted
   * and encrypted version 2, and version 3 unencrypted, or encrypted given puttygen's salt and costs.
   * keypair reads the PEM's numbers from {@code openssl pkey -text}.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"rsa", "ecdsa"})
  void sameBytesAsPuttygenFromPem(String type) throws IOException {
    writePassphrase();
    if (type.equals("rsa")) {
      openssl().run("genrsa", "-traditional", "-out", "k.pem", "2048").ok();
    } else {
      sshKeygen().run("-q", "-t", "ecdsa", "-b", "384", "-m", "PEM", "-N", "", "-f", "k.pem").ok();
    }
    Map<String, BigInteger> v = PpkFixtures.opensslNumbers(openssl().run("pkey", "-in", "k.pem", "-text", "-noout").ok().out());
    SshPrivateKey key = (type.equals("rsa") ? PuttyPrivateKeysTest.rsa(v)
        : SshPrivateKey.of(EcdsaPrivateKeyData.fromScalar(EcCurve.NISTP384, v.get("priv"))))
        .withComment(Comment.of(COMMENT));
    if (type.equals("rsa")) {
      assertThat(v.get("prime1")).as("openssl's primes are p > q, which puttygen keeps").isGreaterThan(v.get("prime2"));
    }
    puttygen().run("k.pem", "-O", "private", "-o", "p3.ppk", "-C", COMMENT).ok();
    puttygen().run("k.pem", "-O", "private", "-o", "p2.ppk", "-C", COMMENT, "--ppk-param", "version=2").ok();
    puttygen().run("k.pem", "-O", "private", "-o", "p2e.ppk", "-C", COMMENT, "--ppk-param", "version=2",
        "--new-passphrase", "pass").ok();
    puttygen().run("k.pem", "-O", "private", "-o", "p3e.ppk", "-C", COMMENT, "--new-passphrase", "pass",
        "--ppk-param", "kdf=argon2i,memory=1024,passes=2,parallelism=1").ok();
    KeyProtection none = KeyProtection.none(InsecureSecretAccess.get());
    assertSameText(PuttyPrivateKeys.encode(key, 3, none), read("p3.ppk"));
    assertSameText(PuttyPrivateKeys.encode(key, 2, none), read("p2.ppk"));
    assertSameText(PuttyPrivateKeys.encode(key, 2, KeyProtection.passphrase(passphrase())), read("p2e.ppk"));
    byte[] theirs = read("p3e.ppk");
    assertSameText(PuttyPrivateKeys.encode(key, 3, KeyProtection.passphrase(passphrase())
        .withArgon2(Argon2Variant.ARGON2I, 1024, 2, 1), PuttyPrivateKeysTest.salt(theirs)), theirs);
  }

  /** From an OpenSSH Ed25519 key that puttygen imports. */
  @Test
  void sameBytesAsPuttygenFromOpenSsh() throws IOException {
    sshKeygen().run("-q", "-t", "ed25519", "-N", "", "-C", COMMENT, "-f", "k").ok();
    SshPrivateKey key = PpkFixtures.openSsh(read("k"));
    assertThat(key.comment()).isEqualTo(Comment.of(COMMENT));
    puttygen().run("k", "-O", "private", "-o", "p3.ppk").ok();
    puttygen().run("k", "-O", "private", "-o", "p2.ppk", "--ppk-param", "version=2").ok();
    KeyProtection none = KeyProtection.none(InsecureSecretAccess.get());
    assertSameText(PuttyPrivateKeys.encode(key, 3, none), read("p3.ppk"));
    assertSameText(PuttyPrivateKeys.encode(key, 2, none), read("p2.ppk"));
  }

  /**
   * A key with p &lt; q: keypair writes the primes as given; puttygen reads the file and swaps them on
   * loading, so its export, and a file it saves again, hold them swapped.
   */
  @Test
  void rsaWithPrimesInTheOtherOrder() throws IOException {
    RsaPrivateKeyData k = TestKeys.rsaPool().stream().filter(x -> x.bits() == 2048).findFirst().orElseThrow();
    InsecureSecretAccess a = InsecureSecretAccess.get();
    BigInteger big = k.primeP(a).max(k.primeQ(a));
    BigInteger small = k.primeP(a).min(k.primeQ(a));
    SshPrivateKey ltq = SshPrivateKey.of(RsaPrivateKeyData.of(k.publicKey().modulus(), k.publicKey().publicExponent(),
        k.privateExponent(a), small, big, big.modInverse(small)), Comment.of(COMMENT));
    Files.write(dir.resolve("ltq.ppk"), PuttyPrivateKeys.encode(ltq, 3, KeyProtection.none(a)));
    assertPrivateValues(ltq, "ltq.ppk", null);
    puttygen().run("ltq.ppk", "-O", "private", "-o", "resaved.ppk", "-C", COMMENT).ok();
    SshPrivateKey resaved = PuttyPrivateKeys.decode(read("resaved.ppk"), null).requirePrivateKey();
    assertThat(((RsaPrivateKeyData) resaved.keyData()).primeP(a)).isEqualTo(big);
    assertThat(resaved.sameKey(ltq)).isFalse();
    assertThat(resaved.publicKey()).isEqualTo(ltq.publicKey());
  }

  private static void assertSameText(byte[] ours, byte[] theirs) {
    assertThat(new String(ours, StandardCharsets.ISO_8859_1)).isEqualTo(new String(theirs, StandardCharsets.ISO_8859_1));
  }
}
