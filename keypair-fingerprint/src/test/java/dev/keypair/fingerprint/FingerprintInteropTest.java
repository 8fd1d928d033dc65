package dev.keypair.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.SshPublicKey;
import dev.keypair.formats.PublicKeys;
import dev.keypair.testsupport.ExternalTools;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Live: keys ssh-keygen makes now, fingerprinted by ssh-keygen, openssl (the AWS guide's commands) and us. */
class FingerprintInteropTest {

  @ParameterizedTest
  @CsvSource({"rsa,1024", "rsa,2048", "rsa,3072", "rsa,4096", "ecdsa,256", "ecdsa,384", "ecdsa,521", "ed25519,256",
      "dsa,1024"})
  void sshKeygenAndOpensslAgree(String type, int bits, @TempDir Path dir) throws Exception {
    Path k = dir.resolve("k");
    ExternalTools.sshKeygen().run("-q", "-t", type, "-b", Integer.toString(bits), "-N", "", "-C", "interop key",
        "-f", k.toString()).ok();
    Path pub = dir.resolve("k.pub");
    SshPublicKey key = PublicKeys.parse(Files.readAllBytes(pub));
    for (FingerprintAlgorithm alg : new FingerprintAlgorithm[] {FingerprintAlgorithm.SHA256, FingerprintAlgorithm.MD5,
        FingerprintAlgorithm.SHA1}) {
      String expected = ExternalTools.sshKeygen().run("-l", "-E", alg.displayName().toLowerCase(java.util.Locale.ROOT),
          "-f", pub.toString()).ok().out().strip();
      assertThat(Fingerprints.sshKeygenLineString(key, alg)).isEqualTo(expected);
      String art = ExternalTools.sshKeygen().run("-lv", "-E", alg.displayName().toLowerCase(java.util.Locale.ROOT),
          "-f", pub.toString()).ok().out();
      assertThat(Fingerprints.sshKeygenLineString(key, alg) + "\n"
          + Randomart.draw(key.keyData(), alg) + "\n").isEqualTo(art);
    }
    if (type.equals("rsa")) {
      // AWS guide: ssh-keygen -e -m PKCS8 -f k.pub | openssl pkey -pubin -outform DER | openssl md5 -c
      byte[] spkiPem = ExternalTools.sshKeygen().run("-e", "-m", "PKCS8", "-f", pub.toString()).ok().stdout();
      byte[] der = ExternalTools.openssl().run(spkiPem, "pkey", "-pubin", "-outform", "DER").ok().stdout();
      String md5 = ExternalTools.openssl().run(der, "md5", "-c").ok().out().strip().replaceAll("^.*= ", "");
      assertThat(AwsFingerprints.imported(key.keyData()).value()).isEqualTo(md5);
    }
  }
}
