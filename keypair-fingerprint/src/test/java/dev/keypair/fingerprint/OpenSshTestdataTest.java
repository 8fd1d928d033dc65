package dev.keypair.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.Passphrase;
import dev.keypair.core.SshCertificate;
import dev.keypair.core.SshPublicKey;
import dev.keypair.formats.DecodedPrivateKey;
import dev.keypair.formats.KeyFormat;
import dev.keypair.formats.PrivateKeys;
import dev.keypair.formats.PublicKeys;
import dev.keypair.testsupport.ExternalTools;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * HOSTILE.md case 28: OpenSSH's own sshkey unit-test keys ({@code regress/unittests/sshkey/testdata},
 * copied under {@code openssh-testdata/}; its README names every file's source) against keypair, the
 * fingerprints OpenSSH recorded in its {@code .fp} files, and ssh-keygen (recorded and live).
 */
class OpenSshTestdataTest {

  /** {@code PW} in OpenSSH's mktestdata.sh, the passphrase of every {@code *_pw} file. */
  private static final String PASSPHRASE = "mekmitasdigoat";

  /** The 768-bit first {@code rsa_1} is under the default floor, as it is under ssh-keygen's. */
  private static final KeyPairLimits LAX = KeyPairLimits.builder().rsaBits(768, 16384).build();

  /**
   * One OpenSSH test key.
   *
   * @param pub      its public key file
   * @param fp       OpenSSH's fingerprint file of it
   * @param privates every private key file of the same key
   * @param cert     a certificate of the key, if there is one
   * @param certFp   OpenSSH's fingerprint file of that certificate, if there is one
   */
  record Key(String pub, String fp, List<String> privates, Optional<String> cert, Optional<String> certFp) {
    @Override
    public String toString() {
      return pub;
    }
  }

  private static Key key(String dir, String name, String... privates) {
    return new Key(dir + name + ".pub", dir + name + ".fp",
        Stream.of(privates).map(p -> dir + p).toList(), Optional.empty(), Optional.empty());
  }

  private static Key withCert(Key k, String cert, String certFp) {
    return new Key(k.pub(), k.fp(), k.privates(), Optional.of(cert), Optional.ofNullable(certFp));
  }

  /** Every key whose files all agree under today's ssh-keygen: all of them but the 768-bit RSA key. */
  static List<Key> keys() {
    String f = "freebsd/";
    String o = "oasislinux/";
    return List.of(
        key(f, "rsa_2", "rsa_2"),
        withCert(key(f, "ecdsa_1", "ecdsa_1", "ecdsa_1_pw", "ecdsa_n_pw"), f + "ecdsa_1-cert.pub", null),
        key(f, "ecdsa_2", "ecdsa_2"),
        withCert(key(f, "ed25519_1", "ed25519_1", "ed25519_1_pw"), f + "ed25519_1-cert.pub",
            f + "ed25519_1-cert.fp"),
        key(f, "ed25519_2", "ed25519_2"),
        withCert(key(f, "dsa_1", "dsa_1", "dsa_1_pw", "dsa_n_pw"), f + "dsa_1-cert.pub", f + "dsa_1-cert.fp"),
        key(f, "dsa_2", "dsa_2"),
        // no rsa_1.pub of this generation is stored; rsa_1_sha1.pub is mktestdata.sh's copy of it
        withCert(new Key(o + "rsa_1_sha1.pub", o + "rsa_1.fp",
            List.of(o + "rsa_1", o + "rsa_1_pw", o + "rsa_n_pw"), Optional.empty(), Optional.empty()),
            o + "rsa_1-cert.pub", null));
  }

  /** The first rsa_1: 768 bits, refused by ssh-keygen and by keypair's default limits. */
  private static final Key SHORT_RSA = key("freebsd/", "rsa_1", "rsa_1", "rsa_1_pw");

  private static byte[] bytes(String file) {
    try (InputStream in = OpenSshTestdataTest.class.getResourceAsStream("/openssh-testdata/" + file)) {
      if (in == null) {
        throw new IllegalArgumentException("no test data file " + file);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(String file) {
    return new String(bytes(file), StandardCharsets.US_ASCII);
  }

  private static SshPublicKey pub(String file, KeyPairLimits limits) {
    return PublicKeys.decode(bytes(file), limits).key();
  }

  /**
   * The fingerprint a {@code .fp} file holds, as keypair spells that hash: {@code SHA256:} or
   * {@code MD5:} as ssh-keygen prints since OpenSSH 6.8, or the bare MD5 hex it printed before.
   */
  private static String keypairsSpelling(SshPublicKey key, String recorded) {
    if (recorded.startsWith("SHA256:")) {
      return Fingerprints.sha256(key.keyData()).value();
    }
    Fingerprint md5 = Fingerprints.md5(key.keyData());
    return recorded.startsWith("MD5:") ? md5.value() : md5.in(FingerprintEncoding.HEX_COLONS).value();
  }

  private static FingerprintAlgorithm algorithmOf(String recorded) {
    return recorded.startsWith("SHA256:") ? FingerprintAlgorithm.SHA256 : FingerprintAlgorithm.MD5;
  }

  @ParameterizedTest
  @MethodSource("keys")
  void hostile28FingerprintIsTheOneOpenSshRecorded(Key k) {
    SshPublicKey key = pub(k.pub(), KeyPairLimits.defaults());
    String recorded = text(k.fp()).strip();
    assertThat(keypairsSpelling(key, recorded)).isEqualTo(recorded);
    assertThat(FingerprintMatcher.match(key.keyData(), recorded).matched()).contains(algorithmOf(recorded));
  }

  @ParameterizedTest
  @MethodSource("keys")
  void hostile28EveryPrivateKeyFileIsTheSameKey(Key k) {
    SshPublicKey expected = pub(k.pub(), KeyPairLimits.defaults());
    for (String file : k.privates()) {
      assertDecodesTo(file, expected, KeyPairLimits.defaults());
    }
  }

  /** A private key file, opened with OpenSSH's test passphrase where it is a {@code *_pw} file. */
  private static DecodedPrivateKey decodePrivate(String file, KeyPairLimits limits) {
    try (Passphrase p = file.endsWith("_pw") ? Passphrase.of(PASSPHRASE.toCharArray()) : null) {
      return PrivateKeys.decode(bytes(file), p, limits);
    }
  }

  private static void assertDecodesTo(String file, SshPublicKey expected, KeyPairLimits limits) {
    DecodedPrivateKey d = decodePrivate(file, limits);
    boolean openssh = text(file).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
    assertThat(d.format() == KeyFormat.OPENSSH_PRIVATE).as(file + " format").isEqualTo(openssh);
    assertThat(d.isEncrypted()).as(file + " encrypted").isEqualTo(file.endsWith("_pw"));
    // the public key the file states, and the one computed from its private half
    assertThat(d.publicKey().sameKey(expected)).as(file).isTrue();
    assertThat(d.requirePrivateKey().publicKey().sameKey(expected)).as(file + " private half").isTrue();
  }

  static Stream<Key> certified() {
    return keys().stream().filter(k -> k.cert().isPresent());
  }

  /**
   * keypair's documented certificate semantics (see {@link Fingerprints}): the OpenSSH fingerprint of
   * a certificate is the certified key's, which is what OpenSSH records in {@code -cert.fp}; the digest
   * of the whole certificate blob is a separate value, which the matcher also recognises.
   */
  @ParameterizedTest
  @MethodSource("certified")
  void hostile28CertificateFingerprintIsTheCertifiedKeys(Key k) throws Exception {
    SshPublicKey plain = pub(k.pub(), KeyPairLimits.defaults());
    SshPublicKey cert = pub(k.cert().get(), KeyPairLimits.defaults());
    assertThat(cert.keyData()).isInstanceOf(SshCertificate.class);
    assertThat(cert.keyData().plainKey().blob()).isEqualTo(plain.keyData().blob());
    for (FingerprintAlgorithm alg : List.of(FingerprintAlgorithm.SHA256, FingerprintAlgorithm.MD5)) {
      assertThat(Fingerprints.of(cert.keyData(), alg)).isEqualTo(Fingerprints.of(plain.keyData(), alg));
    }
    if (k.certFp().isPresent()) {
      String recorded = text(k.certFp().get()).strip();
      assertThat(keypairsSpelling(cert, recorded)).isEqualTo(recorded);
      FingerprintMatcher.Result r = FingerprintMatcher.match(cert.keyData(), recorded);
      assertThat(r.matched()).contains(algorithmOf(recorded));
      assertThat(r.ofWholeCertificate()).isFalse();
    }
    byte[] certBlob = Base64.getDecoder().decode(text(k.cert().get()).split(" ")[1]);
    byte[] whole = MessageDigest.getInstance("SHA-256").digest(certBlob);
    Fingerprint ofWhole = Fingerprints.ofWholeBlob(cert.keyData(), FingerprintAlgorithm.SHA256);
    assertThat(ofWhole.digest().toByteArray()).isEqualTo(whole);
    assertThat(ofWhole).isNotEqualTo(Fingerprints.sha256(cert.keyData()));
    FingerprintMatcher.Result r = FingerprintMatcher.match(cert.keyData(), ofWhole.value());
    assertThat(r.matched()).contains(FingerprintAlgorithm.SHA256);
    assertThat(r.ofWholeCertificate()).isTrue();
  }

  /** One row of ssh-keygen-l.tsv. */
  record Recorded(String file, String hash, int exitCode, String line) {
    @Override
    public String toString() {
      return file + " " + hash;
    }
  }

  static List<Recorded> recorded() {
    List<Recorded> rows = new ArrayList<>();
    for (String line : text("ssh-keygen-l.tsv").split("\n")) {
      if (line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t", -1);
      rows.add(new Recorded(f[0], f[1], Integer.parseInt(f[2]), f[3]));
    }
    return rows;
  }

  /** keypair's {@code ssh-keygen -l} line, equal to the recorded one and to what ssh-keygen prints now. */
  @ParameterizedTest
  @MethodSource("recorded")
  void hostile28SshKeygenLineIsTheRecordedAndTheLiveOne(Recorded row, @TempDir Path dir) throws Exception {
    Path file = dir.resolve(Path.of(row.file()).getFileName().toString());
    Files.write(file, bytes(row.file()));
    ExternalTools.Result live = ExternalTools.sshKeygen().in(dir)
        .run("-l", "-E", row.hash(), "-f", file.getFileName().toString());
    assertThat(live.exitCode()).isEqualTo(row.exitCode());
    // on failure ssh-keygen names the file it was given: here without the directory
    String printed = live.exitCode() == 0 ? live.out().strip()
        : live.err().strip().replace(file.getFileName().toString(), row.file());
    assertThat(printed).isEqualTo(row.line());
    FingerprintAlgorithm alg = FingerprintAlgorithm.valueOf(row.hash().toUpperCase(Locale.ROOT));
    if (row.exitCode() == 0) {
      assertThat(Fingerprints.sshKeygenLineString(pub(row.file(), KeyPairLimits.defaults()), alg))
          .isEqualTo(row.line());
    } else {
      assertThatThrownBy(() -> pub(row.file(), KeyPairLimits.defaults()))
          .isInstanceOfSatisfying(KeyPairException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.WEAK_KEY));
    }
  }

  /**
   * The first rsa_1 is 768 bits: ssh-keygen refuses it now (see ssh-keygen-l.tsv), keypair's default
   * limits refuse it too, and with a floor of 768 keypair computes the MD5 OpenSSH recorded and reads
   * both private files as that key.
   */
  @Test
  void hostile28TheShortRsaKeyIsRefusedByDefaultAndHasOpenSshsFingerprintWithALowerFloor() {
    for (String file : Stream.concat(Stream.of(SHORT_RSA.pub()), SHORT_RSA.privates().stream()).toList()) {
      assertThatThrownBy(() -> {
        if (file.endsWith(".pub")) {
          pub(file, KeyPairLimits.defaults());
        } else {
          decodePrivate(file, KeyPairLimits.defaults());
        }
      }).as(file).isInstanceOfSatisfying(KeyPairException.class,
          e -> assertThat(e.code()).isEqualTo(ErrorCode.WEAK_KEY));
    }
    SshPublicKey key = pub(SHORT_RSA.pub(), LAX);
    assertThat(key.bits()).isEqualTo(768);
    String recorded = text(SHORT_RSA.fp()).strip();
    assertThat(keypairsSpelling(key, recorded)).isEqualTo(recorded);
    for (String file : SHORT_RSA.privates()) {
      assertDecodesTo(file, key, LAX);
    }
  }

  /** Every committed file is one of the cases above, the README, the recording or its script. */
  @Test
  void hostile28EveryCommittedFileIsChecked() throws URISyntaxException, IOException {
    TreeSet<String> used = new TreeSet<>(List.of("README.md", "record.sh", "ssh-keygen-l.tsv"));
    for (Key k : Stream.concat(keys().stream(), Stream.of(SHORT_RSA)).toList()) {
      used.add(k.pub());
      used.add(k.fp());
      used.addAll(k.privates());
      k.cert().ifPresent(used::add);
      k.certFp().ifPresent(used::add);
    }
    Path root = Path.of(OpenSshTestdataTest.class.getResource("/openssh-testdata").toURI());
    TreeSet<String> present;
    try (Stream<Path> files = Files.walk(root)) {
      present = files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
          .collect(Collectors.toCollection(TreeSet::new));
    }
    assertThat(present).isEqualTo(used);
    TreeSet<String> recordedFiles = recorded().stream().map(Recorded::file)
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(recordedFiles).containsExactlyElementsOf(used.stream().filter(f -> f.endsWith(".pub")).toList());
  }
}
