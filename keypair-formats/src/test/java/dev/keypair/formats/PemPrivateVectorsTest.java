package dev.keypair.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.Passphrase;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.testsupport.ExternalTools;
import dev.keypair.testsupport.ExternalTools.Tool;
import dev.keypair.testsupport.Vectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The private-key rows of the public fingerprint vectors ({@code expected.tsv}), and the AWS-documented
 * command for a created key's fingerprint run live: {@code openssl pkcs8 -in k -inform PEM -outform DER
 * -topk8 -nocrypt | openssl sha1 -c} is the SHA-1 of {@link PemPrivateKeys#pkcs8Der}.
 */
class PemPrivateVectorsTest {

  private static final Set<String> PRIVATE_METHODS = Set.of("aws_created_sha1", "aws_import_md5_priv", "spki_sha1_priv");

  @TempDir
  Path dir;

  private static String colonHex(String algorithm, byte[] data) {
    try {
      return HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance(algorithm).digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static SshPrivateKey key(String file) {
    return PemPrivateKeys.decode(Vectors.bytes(file), null).requirePrivateKey();
  }

  /** The value of {@code method} for the private key in {@code file}. */
  private static String fingerprint(String file, String method) {
    SshPrivateKey key = key(file);
    byte[] spki = SubjectPublicKeyInfo.encode(key.publicKey().keyData());
    switch (method) {
      case "aws_created_sha1":
        return colonHex("SHA-1", PemPrivateKeys.pkcs8Der(key, dev.keypair.core.InsecureSecretAccess.get()));
      case "aws_import_md5_priv":
        return colonHex("MD5", spki);
      case "spki_sha1_priv":
        return colonHex("SHA-1", spki);
      default:
        throw new IllegalArgumentException(method);
    }
  }

  @Test
  void everyPrivateKeyRowOfExpectedTsv() {
    List<Vectors.Row> rows = Vectors.expected().stream().filter(r -> PRIVATE_METHODS.contains(r.method()))
        .collect(Collectors.toList());
    // spinifex x2, derived/rsa2048_pkcs1 x2, the two p<q pitfall rows, moto x2
    assertThat(rows).hasSize(8);
    for (Vectors.Row row : rows) {
      assertThat(fingerprint(row.file(), row.method())).as("%s", row).isEqualTo(row.expected());
    }
  }

  @Test
  void swappedPrimesChangeTheCreatedFingerprintButNotTheKey() {
    SshPrivateKey before = key("derived/rsa2048_p_lt_q_pkcs1.pem");
    SshPrivateKey after = key("derived/rsa2048_p_lt_q_after_ppk_roundtrip.pem");
    assertThat(after.publicKey().keyData()).isEqualTo(before.publicKey().keyData());
    assertThat(PemPrivateKeys.pkcs8Der(after, dev.keypair.core.InsecureSecretAccess.get())).isNotEqualTo(PemPrivateKeys.pkcs8Der(before, dev.keypair.core.InsecureSecretAccess.get()));
    assertThat(colonHex("SHA-1", PemPrivateKeys.pkcs8Der(before, dev.keypair.core.InsecureSecretAccess.get())))
        .isEqualTo("f1:d1:e3:0e:d5:a4:62:89:75:95:63:48:12:e7:fb:e6:74:d6:20:84");
  }

  /**
   * The AWS command, live, on RSA keys read from PKCS#1 (the vectors), from PKCS#8 and from encrypted
   * PKCS#8 (made from them by openssl).
   */
  @ParameterizedTest
  @ValueSource(strings = {"spinifex/rsa_private_pkcs1.pem", "derived/rsa2048_pkcs1.pem",
      "derived/rsa2048_p_lt_q_pkcs1.pem", "derived/rsa2048_p_lt_q_after_ppk_roundtrip.pem",
      "moto/created_by_moto-5.2.1_rsa.pem"})
  void awsCreatedFingerprintCommandLive(String vector) throws IOException {
    Tool openssl = ExternalTools.openssl().in(dir);
    Files.write(dir.resolve("pkcs1.pem"), Vectors.bytes(vector));
    Files.write(dir.resolve("pass"), "aws-pass\n".getBytes(StandardCharsets.US_ASCII));
    openssl.run("pkcs8", "-topk8", "-nocrypt", "-in", "pkcs1.pem", "-out", "pkcs8.pem").ok();
    openssl.run("pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", "pkcs1.pem", "-passout", "file:pass",
        "-out", "encrypted.pem").ok();
    for (String form : new String[] {"pkcs1.pem", "pkcs8.pem", "encrypted.pem"}) {
      byte[] der = openssl.run("pkcs8", "-in", form, "-inform", "PEM", "-outform", "DER", "-topk8", "-nocrypt",
          "-passin", "file:pass").ok().stdout();
      String line = openssl.run(der, "sha1", "-c").ok().out().strip();
      String theirs = line.substring(line.lastIndexOf(' ') + 1);
      Passphrase pass = form.startsWith("encrypted") ? Passphrase.of("aws-pass".toCharArray()) : null;
      SshPrivateKey key = PemPrivateKeys.decode(Files.readAllBytes(dir.resolve(form)), pass).requirePrivateKey();
      assertThat(colonHex("SHA-1", PemPrivateKeys.pkcs8Der(key, dev.keypair.core.InsecureSecretAccess.get()))).as(form).isEqualTo(theirs);
    }
  }
}
