package dev.keypair.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.EcCurve;
import dev.keypair.core.EcdsaPrivateKeyData;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.formats.internal.Der;
import dev.keypair.formats.internal.PemBlocks;
import dev.keypair.testsupport.ExternalTools;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SEC1 keys whose scalar was written without its leading zero bytes (OpenSSL before 1.1): openssl reads them, so do we. */
class Sec1InteropTest {

  @Test
  void shortScalarReadsAsOpensslReadsIt(@TempDir Path dir) throws Exception {
    BigInteger d = new BigInteger(1, new byte[] {0x01, 0x23, 0x45, 0x67}).shiftLeft(200).add(BigInteger.valueOf(12345));
    SshPrivateKey key = SshPrivateKey.of(EcdsaPrivateKeyData.fromScalar(EcCurve.NISTP256, d));
    byte[] scalar = d.toByteArray(); // 29 bytes, not 32
    assertThat(scalar.length).isLessThan(32);
    byte[] point = ((dev.keypair.core.EcdsaKeyData) key.keyData().publicKey()).point();
    byte[] der = Der.sequence(Der.integer(1), Der.octetString(scalar),
        Der.tlv(Der.contextConstructed(0), Der.oid(EcCurve.NISTP256.oid())),
        Der.tlv(Der.contextConstructed(1), Der.bitString(point)));
    Path f = dir.resolve("short.pem");
    Files.writeString(f, PemBlocks.encode("EC PRIVATE KEY", der));
    assertThat(ExternalTools.openssl().run("ec", "-in", f.toString(), "-check", "-noout").ok().err()).contains("valid");
    byte[] theirs = ExternalTools.openssl().run("ec", "-in", f.toString(), "-pubout", "-outform", "DER").ok().stdout();
    DecodedPrivateKey ours = PemPrivateKeys.decode(Files.readAllBytes(f), null);
    assertThat(ours.requirePrivateKey().sameKey(key)).isTrue();
    assertThat(SubjectPublicKeyInfo.encode(ours.publicKey().keyData())).isEqualTo(theirs);
    // and we write the full 32 bytes back, as openssl does today
    byte[] written = PemPrivateKeys.encode(key, PrivateKeyFormat.PEM,
        KeyProtection.none(dev.keypair.core.InsecureSecretAccess.get()));
    Path w = dir.resolve("written.pem");
    Files.write(w, written);
    assertThat(new String(ExternalTools.openssl().run("ec", "-in", w.toString(), "-outform", "PEM").ok().stdout(),
        StandardCharsets.US_ASCII)).isEqualTo(new String(written, StandardCharsets.US_ASCII));
  }
}
