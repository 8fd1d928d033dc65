package dev.keypair.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.DsaPrivateKeyData;
import dev.keypair.core.Ed25519PrivateKeyData;
import dev.keypair.core.InsecureSecretAccess;
import dev.keypair.core.KeyData;
import dev.keypair.core.Passphrase;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.formats.internal.Der;
import dev.keypair.formats.internal.PemBlocks;
import dev.keypair.testsupport.ExternalTools;
import dev.keypair.testsupport.ExternalTools.Result;
import dev.keypair.testsupport.ExternalTools.Tool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Live interop with openssl and ssh-keygen, both ways, on keys made for the run. The tools write every
 * PEM form (plain, PBES2 with PBKDF2 or scrypt, legacy DEK-Info) and keypair reads the key they say
 * ({@code openssl pkey -pubout}, {@code ssh-keygen -y}); keypair writes every form and openssl reads the
 * same private key ({@code openssl pkcs8 -topk8 -nocrypt} gives keypair's PKCS#8 DER) and
 * {@code ssh-keygen -y} the same public key. A missing tool fails the test ({@link ExternalTools}).
 */
class PemPrivateInteropTest {

  private static final String PASS = "interop-Pässwort";
  private static final InsecureSecretAccess ACCESS = InsecureSecretAccess.get();

  @TempDir
  Path dir;

  @BeforeEach
  void passFile() throws IOException {
    Files.write(dir.resolve("pass"), (PASS + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private Tool openssl() {
    return ExternalTools.openssl().in(dir);
  }

  private Tool sshKeygen() {
    return ExternalTools.sshKeygen().in(dir);
  }

  private static Passphrase pass() {
    return Passphrase.of(PASS.toCharArray());
  }

  private byte[] file(String name) throws IOException {
    return Files.readAllBytes(dir.resolve(name));
  }

  private void write(String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
  }

  private DecodedPrivateKey read(String name, Passphrase passphrase) throws IOException {
    return PemPrivateKeys.decode(file(name), passphrase);
  }

  /** openssl genpkey arguments for each key type. */
  private void genpkey(String type, int bits) {
    switch (type) {
      case "rsa":
        openssl().run("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:" + bits, "-out", "key.pem").ok();
        break;
      case "ec":
        openssl().run("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-" + bits, "-out", "key.pem").ok();
        break;
      case "ed25519":
        openssl().run("genpkey", "-algorithm", "ed25519", "-out", "key.pem").ok();
        break;
      case "dsa":
        openssl().run("genpkey", "-genparam", "-algorithm", "DSA", "-pkeyopt", "dsa_paramgen_bits:" + bits,
            "-out", "params.pem").ok();
        openssl().run("genpkey", "-paramfile", "params.pem", "-out", "key.pem").ok();
        break;
      default:
        throw new IllegalArgumentException(type);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"rsa, 1024", "rsa, 2048", "rsa, 4096", "ec, 256", "ec, 384", "ec, 521", "ed25519, 256", "dsa, 1024",
      "dsa, 2048"})
  void opensslWritesKeypairReads(String type, int bits) throws IOException {
    genpkey(type, bits);
    KeyData expected = PemPublicKeys.parse(openssl().run("pkey", "-in", "key.pem", "-pubout").ok().stdout()).keyData();
    byte[] opensslPkcs8Der = openssl().run("pkcs8", "-topk8", "-nocrypt", "-in", "key.pem", "-outform", "DER").ok()
        .stdout();

    DecodedPrivateKey plain = read("key.pem", null);
    assertThat(plain.format()).isEqualTo(KeyFormat.PEM_PKCS8);
    assertThat(plain.publicKey().keyData()).isEqualTo(expected);
    SshPrivateKey key = plain.requirePrivateKey();
    if (key.keyData() instanceof DsaPrivateKeyData) {
      Hostile.assertFails(dev.keypair.core.ErrorCode.UNSUPPORTED_ALGORITHM, () -> PemPrivateKeys.pkcs8Der(key, dev.keypair.core.InsecureSecretAccess.get()));
    } else {
      assertThat(PemPrivateKeys.pkcs8Der(key, dev.keypair.core.InsecureSecretAccess.get())).isEqualTo(opensslPkcs8Der);
    }

    List<String[]> forms = new ArrayList<>();
    forms.add(new String[] {"pkcs8", "-topk8", "-v2", "aes-128-cbc", "-passout", "file:pass"});
    forms.add(new String[] {"pkcs8", "-topk8", "-v2", "aes-256-cbc", "-v2prf", "hmacWithSHA256", "-passout", "file:pass"});
    forms.add(new String[] {"pkcs8", "-topk8", "-v2", "aes-192-cbc", "-v2prf", "hmacWithSHA1", "-passout", "file:pass"});
    forms.add(new String[] {"pkcs8", "-topk8", "-scrypt", "-passout", "file:pass"});
    if (!type.equals("ed25519")) {
      forms.add(new String[] {"pkey", "-traditional"});
      // the per-type commands: openssl 3's rsa writes PKCS#8 unless told -traditional; ec and dsa write theirs
      String tool = type.equals("ec") ? "ec" : type;
      for (String c : new String[] {"-aes128", "-aes192", "-aes256", "-des3"}) {
        forms.add(new String[] {"pkey", "-traditional", c, "-passout", "file:pass"});
        forms.add(type.equals("rsa") ? new String[] {tool, "-traditional", c, "-passout", "file:pass"}
            : new String[] {tool, c, "-passout", "file:pass"});
      }
      if (type.equals("rsa")) {
        forms.add(new String[] {"rsa", "-aes128", "-passout", "file:pass"});
      }
    }
    for (String[] form : forms) {
      List<String> args = new ArrayList<>(List.of(form));
      args.addAll(List.of("-in", "key.pem", "-out", "form.pem"));
      openssl().run(args.toArray(new String[0])).ok();
      DecodedPrivateKey d = read("form.pem", pass());
      if (args.contains("-traditional") || args.get(0).equals("ec") || args.get(0).equals("dsa")) {
        assertThat(d.format().privateFormat()).as("%s", args).isEqualTo(PrivateKeyFormat.PEM);
      }
      assertThat(d.publicKey().keyData()).as("%s", args).isEqualTo(expected);
      assertThat(d.requirePrivateKey().sameKey(key)).as("%s", args).isTrue();
      assertThat(d.isEncrypted()).as("%s", args).isEqualTo(args.contains("-passout"));
    }

    // the traditional and PKCS#8 forms keypair writes are openssl's, byte for byte
    if (!(key.keyData() instanceof DsaPrivateKeyData)) {
      KeyProtection none = KeyProtection.none(ACCESS);
      assertThat(PemPrivateKeys.encode(key, PrivateKeyFormat.PKCS8, none))
          .isEqualTo(openssl().run("pkcs8", "-topk8", "-nocrypt", "-in", "key.pem").ok().stdout());
      if (type.equals("rsa")) {
        assertThat(PemPrivateKeys.encode(key, PrivateKeyFormat.PEM, none))
            .isEqualTo(openssl().run("pkey", "-in", "key.pem", "-traditional").ok().stdout());
      } else if (type.equals("ec")) {
        assertThat(PemPrivateKeys.encode(key, PrivateKeyFormat.PEM, none))
            .isEqualTo(openssl().run("ec", "-in", "key.pem").ok().stdout());
      }
    }
  }

  /** What keypair writes, openssl reads to the same private key and public key, and so does ssh-keygen -y. */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"rsa, 1024", "rsa, 2048", "rsa, 4096", "ec, 256", "ec, 384", "ec, 521", "ed25519, 256"})
  void keypairWritesToolsRead(String type, int bits) throws IOException {
    genpkey(type, bits);
    SshPrivateKey key = read("key.pem", null).requirePrivateKey();
    String expectedSpki = openssl().run("pkey", "-in", "key.pem", "-pubout").ok().out();
    byte[] pkcs8Der = PemPrivateKeys.pkcs8Der(key, dev.keypair.core.InsecureSecretAccess.get());
    KeyProtection none = KeyProtection.none(ACCESS);
    KeyProtection withPass = KeyProtection.passphrase(pass()).withPbkdf2Iterations(2048);
    boolean ed25519 = key.keyData() instanceof Ed25519PrivateKeyData;

    List<Object[]> outputs = new ArrayList<>();
    outputs.add(new Object[] {"pkcs8-plain", PemPrivateKeys.encode(key, PrivateKeyFormat.PKCS8, none)});
    outputs.add(new Object[] {"pkcs8-encrypted", PemPrivateKeys.encode(key, PrivateKeyFormat.PKCS8, withPass)});
    if (!ed25519) {
      outputs.add(new Object[] {"pem-plain", PemPrivateKeys.encode(key, PrivateKeyFormat.PEM, none)});
      outputs.add(new Object[] {"pem-encrypted", PemPrivateKeys.encode(key, PrivateKeyFormat.PEM, withPass)});
    }
    for (Object[] o : outputs) {
      String name = o[0] + ".pem";
      write(name, (byte[]) o[1]);
      assertThat(openssl().run("pkey", "-in", name, "-passin", "file:pass", "-pubout").ok().out()).as(name)
          .isEqualTo(expectedSpki);
      assertThat(openssl().run("pkcs8", "-topk8", "-nocrypt", "-in", name, "-passin", "file:pass", "-outform", "DER")
          .ok().stdout()).as(name).isEqualTo(pkcs8Der);
      Result y = sshKeygen().run("-y", "-P", PASS, "-f", name);
      if (ed25519 && y.exitCode() != 0) {
        // OpenSSH 9.2 reads no Ed25519 key from PEM or PKCS#8; it must say so rather than print another key
        assertThat(y.err()).as(name).contains("invalid format");
      } else {
        assertThat(OpenSshPublicKeys.parse(y.ok().stdout()).keyData()).as(name).isEqualTo(key.publicKey().keyData());
      }
    }
  }

  /** ssh-keygen's own PEM and PKCS#8 files, plain and encrypted, both ways. */
  @ParameterizedTest(name = "{0} {1} -m {2}")
  @CsvSource({"rsa, 2048, PEM", "rsa, 3072, PKCS8", "ecdsa, 256, PEM", "ecdsa, 384, PKCS8", "ecdsa, 521, PEM",
      "ecdsa, 521, PKCS8", "dsa, 1024, PEM", "dsa, 1024, PKCS8"})
  void sshKeygenBothWays(String type, int bits, String mode) throws IOException {
    for (String passphrase : new String[] {"", "ssh-pass"}) {
      Files.deleteIfExists(dir.resolve("key"));
      Files.deleteIfExists(dir.resolve("key.pub"));
      sshKeygen().run("-q", "-t", type, "-b", Integer.toString(bits), "-m", mode, "-N", passphrase, "-C", "",
          "-f", "key").ok();
      KeyData expected = OpenSshPublicKeys.parse(sshKeygen().run("-y", "-P", passphrase, "-f", "key").ok().stdout())
          .keyData();
      DecodedPrivateKey d = read("key", passphrase.isEmpty() ? null : Passphrase.of(passphrase.toCharArray()));
      assertThat(d.publicKey().keyData()).isEqualTo(expected);
      assertThat(d.isEncrypted()).isEqualTo(!passphrase.isEmpty());
      assertThat(d.format().privateFormat())
          .isEqualTo(mode.equals("PEM") ? PrivateKeyFormat.PEM : PrivateKeyFormat.PKCS8);
      if (type.equals("dsa")) {
        continue; // read only
      }
      SshPrivateKey key = d.requirePrivateKey();
      for (PrivateKeyFormat f : new PrivateKeyFormat[] {PrivateKeyFormat.PEM, PrivateKeyFormat.PKCS8}) {
        write("ours", PemPrivateKeys.encode(key, f, KeyProtection.passphrase(Passphrase.of("ours".toCharArray()))
            .withPbkdf2Iterations(1000)));
        assertThat(OpenSshPublicKeys.parse(sshKeygen().run("-y", "-P", "ours", "-f", "ours").ok().stdout()).keyData())
            .isEqualTo(expected);
        write("ours", PemPrivateKeys.encode(key, f, KeyProtection.none(ACCESS)));
        assertThat(OpenSshPublicKeys.parse(sshKeygen().run("-y", "-f", "ours").ok().stdout()).keyData())
            .isEqualTo(expected);
      }
    }
  }

  /**
   * What keypair's encrypted PKCS#8 looks like next to {@code openssl pkcs8 -topk8 -v2 aes-256-cbc
   * -v2prf hmacWithSHA256} of the same key with the same iterations: the same structure, OIDs and
   * NULLs; only the salt (openssl 3.0 writes 8 bytes, keypair 16), the IV and the ciphertext differ.
   */
  @Test
  void encryptedPkcs8HasOpensslsStructure() throws IOException {
    genpkey("ec", 256);
    openssl().run("pkcs8", "-topk8", "-v2", "aes-256-cbc", "-v2prf", "hmacWithSHA256", "-iter", "4096", "-in",
        "key.pem", "-passout", "file:pass", "-out", "theirs.pem").ok();
    SshPrivateKey key = read("key.pem", null).requirePrivateKey();
    byte[] ours = PemBlocks.parseSingle(PemPrivateKeys.encode(key, PrivateKeyFormat.PKCS8,
        KeyProtection.passphrase(pass()).withPbkdf2Iterations(4096)), dev.keypair.core.KeyPairLimits.defaults(), "t")
        .der();
    byte[] theirs = PemBlocks.parseSingle(file("theirs.pem"), dev.keypair.core.KeyPairLimits.defaults(), "t").der();
    List<String> ourShape = shape(ours);
    List<String> theirShape = shape(theirs);
    assertThat(ourShape).isEqualTo(theirShape);
    assertThat(ourShape).contains("OID 1.2.840.113549.1.5.13", "OID 1.2.840.113549.1.5.12", "INTEGER 4096",
        "OID 1.2.840.113549.2.9", "NULL", "OID 2.16.840.1.101.3.4.1.42");
    List<Integer> ourOctets = octetLengths(ours);
    List<Integer> theirOctets = octetLengths(theirs);
    assertThat(ourOctets).containsExactly(16, 16, theirOctets.get(2)); // salt, IV, ciphertext
    assertThat(theirOctets.subList(1, 3)).containsExactly(16, theirOctets.get(2));
  }

  /** The legacy form next to {@code openssl pkey -traditional -aes256}: the same headers but for the IV. */
  @Test
  void legacyEncryptionHasOpensslsHeaders() throws IOException {
    genpkey("rsa", 2048);
    openssl().run("pkey", "-traditional", "-aes256", "-passout", "file:pass", "-in", "key.pem", "-out", "theirs.pem")
        .ok();
    SshPrivateKey key = read("key.pem", null).requirePrivateKey();
    String ours = new String(PemPrivateKeys.encode(key, PrivateKeyFormat.PEM, KeyProtection.passphrase(pass())),
        StandardCharsets.US_ASCII);
    String theirs = new String(file("theirs.pem"), StandardCharsets.US_ASCII);
    String ivPattern = "DEK-Info: AES-256-CBC,[0-9A-F]{32}\n";
    assertThat(ours.replaceAll(ivPattern, "IV\n").replaceAll("(?m)^[A-Za-z0-9+/=]+$", "B"))
        .isEqualTo(theirs.replaceAll(ivPattern, "IV\n").replaceAll("(?m)^[A-Za-z0-9+/=]+$", "B"));
    assertThat(ours.length()).isEqualTo(theirs.length());
  }

  /** Each element's tag, and the value of OIDs, NULLs and INTEGERs, depth first. */
  private static List<String> shape(byte[] der) {
    List<String> out = new ArrayList<>();
    walk(Der.reader(der, dev.keypair.core.KeyPairLimits.defaults(), "shape"), out, new ArrayList<>());
    return out;
  }

  /** The lengths of the OCTET STRINGs, depth first. */
  private static List<Integer> octetLengths(byte[] der) {
    List<Integer> out = new ArrayList<>();
    walk(Der.reader(der, dev.keypair.core.KeyPairLimits.defaults(), "shape"), new ArrayList<>(), out);
    return out;
  }

  private static void walk(Der.Reader r, List<String> shape, List<Integer> octets) {
    while (r.hasMore()) {
      int tag = r.peekTag();
      switch (tag) {
        case Der.SEQUENCE:
          shape.add("SEQUENCE");
          walk(r.sequence("sequence"), shape, octets);
          break;
        case Der.OBJECT_IDENTIFIER:
          shape.add("OID " + r.oid("oid"));
          break;
        case Der.INTEGER:
          shape.add("INTEGER " + r.integer("integer"));
          break;
        case Der.NULL:
          r.nul("null");
          shape.add("NULL");
          break;
        case Der.OCTET_STRING:
          shape.add("OCTET STRING");
          octets.add(r.octetString("octets").length);
          break;
        default:
          shape.add("tag " + tag);
          r.skip("other");
      }
    }
  }
}
