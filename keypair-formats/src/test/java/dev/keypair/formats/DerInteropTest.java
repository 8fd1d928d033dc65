package dev.keypair.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.Ed25519KeyData;
import dev.keypair.core.KeyData;
import dev.keypair.core.RsaKeyData;
import dev.keypair.testsupport.ExternalTools;
import dev.keypair.testsupport.ExternalTools.Result;
import dev.keypair.testsupport.ExternalTools.Tool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Live interop with the real tools, both ways, on keys generated for the run: what
 * {@code ssh-keygen -e} and {@code openssl pkey -pubout} write, keypair reads to the same key and writes
 * byte for byte; what keypair writes, {@code openssl pkey -pubin} reads to the identical DER and
 * {@code ssh-keygen -i} turns back into the same OpenSSH blob. A missing tool fails the test
 * ({@link ExternalTools}).
 */
class DerInteropTest {

  @TempDir
  Path dir;

  private Tool sshKeygen() {
    return ExternalTools.sshKeygen().in(dir);
  }

  private Tool openssl() {
    return ExternalTools.openssl().in(dir);
  }

  private void write(String file, String text) throws IOException {
    Files.writeString(dir.resolve(file), text, StandardCharsets.US_ASCII);
  }

  /** Keys made by ssh-keygen, the private half in PEM ({@code -m PEM}) so that openssl can read it too. */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"rsa, 1024", "rsa, 2048", "rsa, 4096", "ecdsa, 256", "ecdsa, 384", "ecdsa, 521", "dsa, 1024"})
  void sshKeygenKeysBothWays(String type, int bits) throws IOException {
    sshKeygen().run("-q", "-t", type, "-b", Integer.toString(bits), "-m", "PEM", "-N", "", "-C", "interop",
        "-f", "key").ok();
    KeyData pub = OpenSshPublicKeys.parse(Files.readAllBytes(dir.resolve("key.pub"))).keyData();
    byte[] ourDer = SubjectPublicKeyInfo.encode(pub);
    String ourPem = PemPublicKeys.encodeSpkiToString(pub);

    // the tools write, keypair reads the same key and would have written the same bytes
    String sshPkcs8 = sshKeygen().run("-e", "-m", "PKCS8", "-f", "key.pub").ok().out();
    String opensslPem = openssl().run("pkey", "-in", "key", "-pubout").ok().out();
    byte[] opensslDer = openssl().run("pkey", "-in", "key", "-pubout", "-outform", "DER").ok().stdout();
    assertThat(PemPublicKeys.parse(sshPkcs8).keyData()).isEqualTo(pub);
    assertThat(PemPublicKeys.parse(opensslPem).keyData()).isEqualTo(pub);
    assertThat(SubjectPublicKeyInfo.decode(opensslDer)).isEqualTo(pub);
    assertThat(ourPem).isEqualTo(sshPkcs8).isEqualTo(opensslPem);
    assertThat(ourDer).isEqualTo(opensslDer);

    // keypair writes, the tools read it back to the same key
    write("ours.pem", ourPem);
    assertThat(openssl().run("pkey", "-pubin", "-in", "ours.pem", "-outform", "DER").ok().stdout())
        .isEqualTo(ourDer);
    assertSshKeygenImports("PKCS8", "ours.pem", pub);
    write("ours.b64", DerBase64.encodeToString(pub));
    openssl().run("base64", "-d", "-A", "-in", "ours.b64", "-out", "ours.der").ok();
    assertThat(openssl().run("pkey", "-pubin", "-inform", "DER", "-in", "ours.der", "-outform", "DER").ok().stdout())
        .isEqualTo(ourDer);
    assertThat(DerBase64.parse(openssl().run("base64", "-A", "-in", "ours.der").ok().stdout()).keyData()).isEqualTo(pub);

    if (pub instanceof RsaKeyData) {
      pkcs1BothWays(pub, ourPem);
    }
  }

  private void pkcs1BothWays(KeyData pub, String ourSpkiPem) throws IOException {
    String sshPem = sshKeygen().run("-e", "-m", "PEM", "-f", "key.pub").ok().out();
    String opensslPkcs1 = openssl().run("rsa", "-in", "key", "-RSAPublicKey_out").ok().out();
    String ourPkcs1 = PemPublicKeys.encodePkcs1ToString(pub);
    assertThat(PemPublicKeys.parse(sshPem).keyData()).isEqualTo(pub);
    assertThat(PemPublicKeys.parse(opensslPkcs1).keyData()).isEqualTo(pub);
    assertThat(ourPkcs1).isEqualTo(sshPem).isEqualTo(opensslPkcs1);

    write("ours1.pem", ourPkcs1);
    assertSshKeygenImports("PEM", "ours1.pem", pub);
    assertThat(openssl().run("rsa", "-RSAPublicKey_in", "-in", "ours1.pem", "-pubout").ok().out())
        .isEqualTo(ourSpkiPem);
    assertThat(openssl().run("rsa", "-RSAPublicKey_in", "-in", "ours1.pem", "-RSAPublicKey_out").ok().out())
        .isEqualTo(ourPkcs1);
  }

  /** {@code ssh-keygen -i -m MODE -f FILE} prints an OpenSSH line whose blob is the key's. */
  private void assertSshKeygenImports(String mode, String file, KeyData pub) {
    String line = sshKeygen().run("-i", "-m", mode, "-f", file).ok().out();
    assertThat(OpenSshPublicKeys.parse(line).blob()).isEqualTo(pub.blob());
  }

  /**
   * Ed25519 from {@code openssl genpkey}: ssh-keygen 9.2 can neither export nor import Ed25519 as PKCS8,
   * so openssl is the oracle; the raw key comes from {@code openssl pkey -text_pub}, not from the DER.
   */
  @Test
  void opensslEd25519BothWays() throws IOException {
    openssl().run("genpkey", "-algorithm", "ed25519", "-out", "key.pem").ok();
    String opensslPem = openssl().run("pkey", "-in", "key.pem", "-pubout").ok().out();
    byte[] opensslDer = openssl().run("pkey", "-in", "key.pem", "-pubout", "-outform", "DER").ok().stdout();
    KeyData expected = Ed25519KeyData.of(rawKeyFromText(openssl().run("pkey", "-in", "key.pem", "-text_pub",
        "-noout").ok().out()));

    assertThat(PemPublicKeys.parse(opensslPem).keyData()).isEqualTo(expected);
    assertThat(SubjectPublicKeyInfo.decode(opensslDer)).isEqualTo(expected);
    assertThat(PemPublicKeys.encodeSpkiToString(expected)).isEqualTo(opensslPem);
    assertThat(SubjectPublicKeyInfo.encode(expected)).isEqualTo(opensslDer);

    write("ours.pem", PemPublicKeys.encodeSpkiToString(expected));
    assertThat(openssl().run("pkey", "-pubin", "-in", "ours.pem", "-outform", "DER").ok().stdout())
        .isEqualTo(opensslDer);
    write("ours.b64", DerBase64.encodeToString(expected));
    openssl().run("base64", "-d", "-A", "-in", "ours.b64", "-out", "ours.der").ok();
    assertThat(Files.readAllBytes(dir.resolve("ours.der"))).isEqualTo(opensslDer);

    // ssh-keygen: compare where it can convert; where it cannot, it must say so (OpenSSH 9.2 cannot)
    Result imported = sshKeygen().run("-i", "-m", "PKCS8", "-f", "ours.pem");
    if (imported.exitCode() == 0) {
      assertThat(OpenSshPublicKeys.parse(imported.out()).blob()).isEqualTo(expected.blob());
    } else {
      assertThat(imported.err()).contains("unsupported pubkey type");
    }
    write("ours.pub", OpenSshPublicKeys.encodeToString(dev.keypair.core.SshPublicKey.of(expected)) + "\n");
    Result exported = sshKeygen().run("-e", "-m", "PKCS8", "-f", "ours.pub");
    if (exported.exitCode() == 0) {
      assertThat(exported.out()).isEqualTo(opensslPem);
    } else {
      assertThat(exported.err()).containsIgnoringCase("unsupported");
    }
  }

  private static final Pattern PUB_HEX = Pattern.compile("pub:\\s*((?:[0-9a-f]{2}:?\\s*)+)");

  private static byte[] rawKeyFromText(String text) {
    Matcher m = PUB_HEX.matcher(text);
    assertThat(m.find()).as("pub: in %s", text).isTrue();
    return HexFormat.of().parseHex(m.group(1).replaceAll("[:\\s]", ""));
  }

  /** openssl's own EC keys (named curve, uncompressed), both ways, with ssh-keygen importing ours. */
  @ParameterizedTest
  @CsvSource({"P-256", "P-384", "P-521"})
  void opensslEcKeysBothWays(String curve) throws IOException {
    openssl().run("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:" + curve, "-out", "key.pem").ok();
    String opensslPem = openssl().run("pkey", "-in", "key.pem", "-pubout").ok().out();
    KeyData key = PemPublicKeys.parse(opensslPem).keyData();
    assertThat(PemPublicKeys.encodeSpkiToString(key)).isEqualTo(opensslPem);
    write("ours.pem", PemPublicKeys.encodeSpkiToString(key));
    // ssh-keygen reads openssl's private key (-y) and our public PEM (-i): the same blob
    Files.setPosixFilePermissions(dir.resolve("key.pem"), java.nio.file.attribute.PosixFilePermissions.fromString(
        "rw-------"));
    String fromPrivate = sshKeygen().run("-y", "-f", "key.pem").ok().out();
    assertThat(OpenSshPublicKeys.parse(fromPrivate).keyData()).isEqualTo(key);
    assertSshKeygenImports("PKCS8", "ours.pem", key);
  }
}
