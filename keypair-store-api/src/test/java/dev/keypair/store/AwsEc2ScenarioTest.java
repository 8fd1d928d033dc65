package dev.keypair.store;

import static dev.keypair.store.contract.ContractSupport.assertRefused;
import static dev.keypair.store.contract.ContractSupport.ed25519;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.KeyType;
import dev.keypair.formats.KeyFiles;
import dev.keypair.formats.PublicKeyFormat;
import dev.keypair.formats.PublicKeys;
import dev.keypair.store.contract.ContractSupport;
import dev.keypair.testsupport.ExternalTools;
import dev.keypair.testsupport.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AWS EC2 at the library level, as a user goes through it: create an RSA key pair and save its .pem, check
 * the fingerprints against openssl (the commands of the EC2 guide), import the same key in the three
 * formats EC2 takes, be refused DSA and ECDSA, fill the region to its 5,000 and be refused the next, delete.
 * A missing openssl fails the test (install it with {@code apt-get install -y openssl}) unless
 * {@code -Dkeypair.interop.skip=true}.
 */
class AwsEc2ScenarioTest {

  private static final ProviderCodes CODES = ProviderProfiles.AWS_EC2.codes();

  @TempDir
  Path dir;

  private final KeyPairRegistry ec2 = ContractSupport.registry(InMemoryKeyPairStore.create(),
      ProviderProfiles.AWS_EC2, "eu-west-1");

  /** What {@code openssl ... | openssl DIGEST -c} prints, without its {@code (stdin)= } prefix. */
  private static String opensslDigest(byte[] der, String digest) {
    return ExternalTools.openssl().run(der, digest, "-c").ok().out().strip().replaceAll("^.*= ", "");
  }

  @Test
  void aKeyPairsLifeOnEc2() throws Exception {
    // create: the .pem is PKCS#1, owner-only, fingerprinted as SHA-1 of its PKCS#8 form
    Path pem = dir.resolve("deploy.pem");
    KeyPairRecord created;
    try (CreatedKeyPair kp = ec2.create("deploy", KeyType.RSA, CreateFormat.PEM, Map.of("env", "prod"))) {
      kp.writePrivateKey(pem, KeyFiles.WriteOptions.safe());
      created = kp.record();
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pem))).isEqualTo("rw-------");
    byte[] pemBytes = Files.readAllBytes(pem);
    assertThat(new String(pemBytes, StandardCharsets.US_ASCII)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    assertThat(created.bits()).isEqualTo(2048);
    assertThat(created.origin()).isEqualTo(KeyOrigin.CREATED);
    byte[] pkcs8 = ExternalTools.openssl().run(pemBytes, "pkcs8", "-inform", "PEM", "-outform", "DER", "-topk8",
        "-nocrypt").ok().stdout();
    assertThat(created.fingerprint()).hasSize(59).isEqualTo(opensslDigest(pkcs8, "sha1"));

    // import the same key three ways: each gets the MD5 of the DER SubjectPublicKeyInfo
    byte[] spki = ExternalTools.openssl().run(pemBytes, "pkey", "-pubout", "-outform", "DER").ok().stdout();
    String md5 = opensslDigest(spki, "md5");
    assertThat(md5).hasSize(47);
    for (PublicKeyFormat f : List.of(PublicKeyFormat.OPENSSH, PublicKeyFormat.DER_BASE64, PublicKeyFormat.RFC4716)) {
      byte[] content = PublicKeys.encode(created.publicKey(), f);
      KeyPairRecord imported = ec2.importPublicKey("imported-" + f.cliName(), content, Map.of());
      assertThat(imported.fingerprint()).as(f.cliName()).isEqualTo(md5).isNotEqualTo(created.fingerprint());
      assertThat(imported.publicKey().sameKey(created.publicKey())).isTrue();
    }
    assertThat(ec2.findByFingerprint(created.fingerprint())).extracting(KeyPairRecord::name).containsExactly("deploy");
    assertThat(ec2.findByFingerprint(md5)).hasSize(3);

    // DSA and ECDSA are refused
    for (String f : List.of("dsa1024.pub", "ecdsa256.pub", "ecdsa521.pub")) {
      assertRefused(CODES.keyRefused(), () -> ec2.importPublicKey("refused", Fixtures.bytes(f), Map.of()));
    }
    assertThat(CODES.keyRefused().id()).isEqualTo("InvalidKeyPair.Format");

    // 5,000 per region: Ed25519 imports (EC2 does not ask for distinct public keys)
    for (int i = ec2.count(); i < 5000; i++) {
      ec2.importKey("fill-" + i, ed25519(i % 8), PublicKeyFormat.OPENSSH, Map.of());
    }
    assertThat(ec2.count()).isEqualTo(5000);
    assertRefused(CODES.quotaExceeded(), () -> ec2.importKey("one-too-many", ed25519(0), PublicKeyFormat.OPENSSH,
        Map.of()));
    assertRefused(CODES.quotaExceeded(), () -> ec2.create("one-too-many", KeyType.ED25519, CreateFormat.PEM,
        Map.of()));
    assertThat(CODES.quotaExceeded().id()).isEqualTo("KeyPairLimitExceeded");
    assertThat(ec2.find("one-too-many")).isEmpty();

    // delete is idempotent, and frees a place
    assertThat(ec2.delete("deploy")).containsExactly("deploy");
    assertThat(ec2.delete("deploy")).isEmpty();
    assertRefused(CODES.notFound(), () -> ec2.describe("deploy"));
    ec2.importKey("one-too-many", ed25519(0), PublicKeyFormat.OPENSSH, Map.of());
    assertThat(ec2.count()).isEqualTo(5000);
  }
}
