package dev.keypair.store;

import static dev.keypair.store.contract.ContractSupport.assertRefused;
import static dev.keypair.store.contract.ContractSupport.ed25519;
import static dev.keypair.store.contract.ContractSupport.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.Comment;
import dev.keypair.core.ErrorCode;
import dev.keypair.core.InsecureSecretAccess;
import dev.keypair.core.KeyType;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.core.SshPublicKey;
import dev.keypair.formats.KeyProtection;
import dev.keypair.formats.PrivateKeyFormat;
import dev.keypair.formats.PrivateKeys;
import dev.keypair.formats.PublicKeyFormat;
import dev.keypair.formats.PublicKeys;
import dev.keypair.store.contract.ContractSupport;
import dev.keypair.testsupport.Fixtures;
import dev.keypair.testsupport.TestKeys;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The AWS EC2 profile's rules (../shared/PROVIDERS.md), each through a registry. */
class AwsEc2ProfileTest {

  private static final ProviderProfile AWS = ProviderProfiles.AWS_EC2;
  private static final ProviderCodes CODES = AWS.codes();

  private final InMemoryKeyPairStore store = InMemoryKeyPairStore.create();
  private final KeyPairRegistry ec2 = ContractSupport.registry(store, AWS, "eu-west-1");

  private KeyPairRecord importEd25519(String name) {
    return ec2.importKey(name, ed25519(0), PublicKeyFormat.OPENSSH, Map.of());
  }

  @Test
  void settingsAreTheDocumentedOnes() {
    assertThat(AWS.id()).isEqualTo("aws-ec2");
    assertThat(AWS.quota()).isEqualTo(5000);
    assertThat(AWS.naming().caseSensitive()).isTrue();
    assertThat(AWS.naming().minLength()).isEqualTo(1);
    assertThat(AWS.naming().maxLength()).isEqualTo(255);
    assertThat(AWS.createRsaBits()).isEqualTo(2048);
    assertThat(AWS.createTypes()).containsExactlyInAnyOrder(KeyType.RSA, KeyType.ED25519);
    assertThat(AWS.importTypes()).containsExactlyInAnyOrder(KeyType.RSA, KeyType.ED25519);
    assertThat(AWS.rsaImportSizes()).containsExactly(1024, 2048, 4096);
    assertThat(AWS.deleteIdempotent()).isTrue();
    assertThat(AWS.deleteRefusedWhileAttached()).isFalse();
    assertThat(AWS.restartRequired()).isFalse();
    assertThat(AWS.linuxOnly()).isFalse();
    assertThat(CODES.duplicateName().id()).isEqualTo("InvalidKeyPair.Duplicate");
    assertThat(CODES.quotaExceeded().id()).isEqualTo("KeyPairLimitExceeded");
    assertThat(CODES.notFound().id()).isEqualTo("InvalidKeyPair.NotFound");
    assertThat(CODES.keyRefused().id()).isEqualTo("InvalidKeyPair.Format");
    assertThat(CODES.keyMalformed()).isEqualTo(ErrorCode.of("InvalidKey.Format", ErrorCode.Category.INPUT));
    assertThat(CODES.duplicateName().category()).isEqualTo(ErrorCode.Category.POLICY);
    assertThat(ProviderProfiles.byId("aws-ec2")).containsSame(AWS);
    assertThat(ProviderProfiles.all()).extracting(ProviderProfile::id).containsExactly("aws-ec2", "alibaba-ecs",
        "alibaba-swas", "openstack-nova", "digitalocean", "hetzner");
  }

  // ------------------------------------------------------------------------------------------ names

  @ParameterizedTest
  @ValueSource(strings = {"a", "A", "my key", "deploy-2024_01.prod", "a@b:c/d=e+f", "~!#$%^&*()"})
  void acceptsPrintableAsciiNames(String name) {
    assertThat(importEd25519(name).name()).isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " a", "a ", " ", "caf\u00e9", "\u4e2d", "a\tb", "a\nb", "a\u0000b", "a\u007fb"})
  void refusesOtherNames(String name) {
    assertRefused(CODES.nameMalformed(), () -> importEd25519(name));
    assertThat(ec2.count()).isZero();
  }

  @Test
  void namesHaveOneTo255Characters() {
    assertThat(importEd25519("x".repeat(255)).name()).hasSize(255);
    assertRefused(CODES.nameMalformed(), () -> importEd25519("y".repeat(256)));
    assertRefused(CODES.nameMalformed(), () -> ec2.create("y".repeat(256), KeyType.ED25519, CreateFormat.PEM,
        Map.of()));
  }

  @Test
  void duplicateNamesAreRefusedCaseSensitively() {
    importEd25519("web");
    assertRefused(CODES.duplicateName(), () -> importEd25519("web"));
    assertRefused(CODES.duplicateName(), () -> ec2.create("web", KeyType.ED25519, CreateFormat.PEM, Map.of()));
    importEd25519("Web");
    assertThat(ec2.count()).isEqualTo(2);
  }

  // ----------------------------------------------------------------------------------------- import

  @ParameterizedTest
  @ValueSource(strings = {"rsa1024", "rsa2048", "rsa4096"})
  void importsRsaOfTheThreeSizesInEachFormat(String fixture) {
    String md5 = Fixtures.line(fixture + ".aws-md5");
    KeyPairRecord line = ec2.importPublicKey("line", Fixtures.bytes(fixture + ".pub"), Map.of());
    KeyPairRecord der = ec2.importPublicKey("der", Fixtures.bytes(fixture + ".der.b64"), Map.of());
    KeyPairRecord rfc = ec2.importPublicKey("rfc", Fixtures.bytes(fixture + ".rfc4716"), Map.of());
    for (KeyPairRecord r : List.of(line, der, rfc)) {
      assertThat(r.fingerprint()).isEqualTo(md5).hasSize(47);
      assertThat(r.type()).isEqualTo("rsa");
      assertThat(r.origin()).isEqualTo(KeyOrigin.IMPORTED);
      assertThat(r.publicKey().comment()).isEqualTo(Comment.of(r.name()));
    }
    assertThat(ec2.findByFingerprint(md5)).hasSize(3);
  }

  @Test
  void refusesOtherRsaSizes() {
    assertRefused(CODES.keyRefused(), () -> ec2.importPublicKey("k", Fixtures.bytes("rsa3072.pub"), Map.of()));
    assertRefused(CODES.keyRefused(), () -> ec2.importPublicKey("k", Fixtures.bytes("rsa3072.der.b64"), Map.of()));
    java.util.Random random = new java.util.Random(3);
    for (int bits : new int[] {1023, 1025, 2047, 2049, 4095, 4097, 8192}) {
      SshPublicKey key = SshPublicKey.of(TestKeys.randomRsa(random, bits));
      assertRefused(CODES.keyRefused(), () -> ec2.importKey("k", key, PublicKeyFormat.OPENSSH, Map.of()));
    }
    assertThat(ec2.count()).isZero();
  }

  @Test
  void importsEd25519OnlyAsAnOpenSshLine() {
    KeyPairRecord r = ec2.importPublicKey("ed", Fixtures.bytes("ed25519.pub"), Map.of());
    assertThat(r.type()).isEqualTo("ed25519");
    assertThat(r.bits()).isEqualTo(256);
    assertThat(r.fingerprint()).hasSize(44).endsWith("=").doesNotStartWith("SHA256:")
        .isEqualTo(Fixtures.line("ed25519.l.sha256").split(" ")[1].substring("SHA256:".length()) + "=");
    assertRefused(CODES.keyRefused(), () -> ec2.importPublicKey("ed2", Fixtures.bytes("ed25519.rfc4716"), Map.of()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dsa1024.pub", "dsa1024.der.b64", "ecdsa256.pub", "ecdsa384.pub", "ecdsa521.pub",
      "ecdsa256.der.b64", "ecdsa256.rfc4716", "rsa2048-user-cert.pub", "ed25519-user-cert.pub", "rsa2048.pkcs8.pem",
      "rsa2048.pkcs1.pem"})
  void refusesOtherKeysAndFormatsAsInvalidKeyPairFormat(String file) {
    assertRefused(CODES.keyRefused(), () -> ec2.importPublicKey("k", Fixtures.bytes(file), Map.of()));
    assertThat(ec2.count()).isZero();
  }

  /**
   * HOSTILE 26: a DSA key is read (Alibaba ECS imports it) but AWS refuses it with its own code, as a public line, as
   * DER and as the key of a new key pair.
   */
  @Test
  void hostile26AwsRefusesDsaWithItsProviderCode() {
    KeyPairRegistry ecs = ContractSupport.registry(InMemoryKeyPairStore.create(), ProviderProfiles.ALIBABA_ECS,
        "cn-hangzhou");
    assertThat(ecs.importPublicKey("dsa", Fixtures.bytes("dsa1024.pub"), Map.of()).type()).isEqualTo("dsa");
    for (String file : List.of("dsa1024.pub", "dsa1024.der.b64", "dsa1024.pkcs8.pem")) {
      assertRefused(CODES.keyRefused(), () -> ec2.importPublicKey("dsa", Fixtures.bytes(file), Map.of()));
    }
    assertThat(CODES.keyRefused().id()).isEqualTo("InvalidKeyPair.Format");
    assertRefused(CODES.invalidParameter(), () -> ec2.create("dsa", KeyType.DSA, CreateFormat.PEM, Map.of()));
    assertThat(ec2.count()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "garbage", "ssh-rsa AAAA", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA== x"})
  void refusesWhatIsNotAKeyAsInvalidKeyFormat(String content) {
    assertRefused(CODES.keyMalformed(), () -> ec2.importPublicKey("k", content.getBytes(StandardCharsets.UTF_8),
        Map.of()));
    assertThat(CODES.keyMalformed().category()).isEqualTo(ErrorCode.Category.INPUT);
  }

  @Test
  void refusesAPrivateKeyFileUnlessAskedToImportFromIt() {
    SshPrivateKey key = TestKeys.ed25519Private(5);
    byte[] file = PrivateKeys.encode(key, PrivateKeyFormat.OPENSSH, KeyProtection.none(InsecureSecretAccess.get()));
    assertRefused(CODES.keyRefused(), () -> ec2.importPublicKey("k", file, Map.of()));
    KeyPairRecord r = ec2.importFromPrivateKey("k", file, null, Map.of());
    assertThat(r.publicKey().sameKey(key.publicKey())).isTrue();
    assertThat(r.origin()).isEqualTo(KeyOrigin.IMPORTED);
    assertRefused(CODES.keyMalformed(), () -> ec2.importFromPrivateKey("k2", "nope".getBytes(StandardCharsets.UTF_8),
        null, Map.of()));
  }

  @Test
  void refusesAnAuthorizedKeysFileOfSeveralKeys() {
    byte[] two = (Fixtures.text("ed25519.pub") + Fixtures.text("rsa2048.pub")).getBytes(StandardCharsets.UTF_8);
    ErrorCode code = ContractSupport.outcome(() -> ec2.importPublicKey("k", two, Map.of()));
    assertThat(code).isIn(CODES.keyRefused(), CODES.keyMalformed());
    assertThat(ec2.count()).isZero();
  }

  // ----------------------------------------------------------------------------------------- create

  @Test
  void createsEd25519AsOpenSshOrPpkAndRsaAsPkcs1OrPpk() {
    assertThat(AWS.privateKeyFormat(KeyType.RSA, CreateFormat.PEM)).contains(PrivateKeyFormat.PEM);
    assertThat(AWS.privateKeyFormat(KeyType.RSA, CreateFormat.PPK)).contains(PrivateKeyFormat.PPK2);
    assertThat(AWS.privateKeyFormat(KeyType.ED25519, CreateFormat.PEM)).contains(PrivateKeyFormat.OPENSSH);
    assertThat(AWS.privateKeyFormat(KeyType.ED25519, CreateFormat.PPK)).contains(PrivateKeyFormat.PPK2);
    try (CreatedKeyPair pem = ec2.create("ed", KeyType.ED25519, CreateFormat.PEM, Map.of("team", "ops"));
        CreatedKeyPair ppk = ec2.create("ed-ppk", KeyType.ED25519, CreateFormat.PPK, Map.of())) {
      String text = new String(pem.privateKey().toByteArray(InsecureSecretAccess.get()), StandardCharsets.US_ASCII);
      assertThat(text).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
      assertThat(new String(ppk.privateKey().toByteArray(InsecureSecretAccess.get()), StandardCharsets.US_ASCII))
          .startsWith("PuTTY-User-Key-File-2: ssh-ed25519");
      KeyPairRecord r = pem.record();
      assertThat(r.origin()).isEqualTo(KeyOrigin.CREATED);
      assertThat(r.id()).matches("key-[0-9a-f]{17}");
      assertThat(r.created()).isEqualTo(ContractSupport.NOW);
      assertThat(r.tags()).containsExactly(Map.entry("team", "ops"));
      // the private key is handed over, not kept: the record's key is the private key's public half
      SshPrivateKey back = PrivateKeys.decode(text.getBytes(StandardCharsets.US_ASCII), null).privateKey()
          .orElseThrow();
      assertThat(back.publicKey().sameKey(r.publicKey())).isTrue();
      assertThat(r.fingerprint()).isEqualTo(dev.keypair.fingerprint.AwsFingerprints.imported(
          r.publicKey().keyData()).value());
      assertThat(pem.toString()).doesNotContain("OPENSSH PRIVATE");
      back.destroy();
    }
    assertThat(ec2.describe("ed").origin()).isEqualTo(KeyOrigin.CREATED);
  }

  @Test
  void createsNoOtherTypes() {
    for (KeyType t : List.of(KeyType.ECDSA_NISTP256, KeyType.DSA)) {
      assertRefused(CODES.invalidParameter(), () -> ec2.create("k", t, CreateFormat.PEM, Map.of()));
    }
    assertThat(ec2.count()).isZero();
  }

  // ------------------------------------------------------------------------------------------- tags

  @Test
  void tagsFollowTheEc2Rules() {
    Map<String, String> fifty = new HashMap<>();
    for (int i = 0; i < 50; i++) {
      fifty.put("k" + i, "v");
    }
    assertThat(ec2.importKey("fifty", ed25519(0), PublicKeyFormat.OPENSSH, fifty).tags()).hasSize(50);
    assertRefused(CODES.tagInvalid(), () -> ec2.tag("fifty", Map.of("one-more", "v")));
    Map<String, String> max = Map.of("k".repeat(128), "v".repeat(256));
    assertThat(ec2.importKey("max", ed25519(0), PublicKeyFormat.OPENSSH, max).tags()).isEqualTo(max);
    for (Map<String, String> bad : List.of(Map.of("k".repeat(129), "v"), Map.of("k", "v".repeat(257)),
        Map.of("", "v"), Map.of("aws:name", "v"), Map.of("AWS:Name", "v"), Map.of("k", "a\nb"))) {
      assertRefused(CODES.tagInvalid(), () -> ec2.importKey("bad", ed25519(0), PublicKeyFormat.OPENSSH, bad));
      assertRefused(CODES.tagInvalid(), () -> ec2.tag("max", bad));
    }
    assertThat(ec2.find("bad")).isEmpty();
    assertThat(ec2.describe("max").tags()).isEqualTo(max);
    assertThat(ec2.importKey("url", ed25519(0), PublicKeyFormat.OPENSSH, Map.of("https://x", "http://y")).tags())
        .as("URLs are an Alibaba rule").hasSize(1);
  }

  // ------------------------------------------------------------------------------- describe, delete

  @Test
  void describeFindsByNameIdAndFingerprintAndRefusesMissingOnes() {
    KeyPairRecord r = importEd25519("one");
    assertThat(ec2.describeById(r.id())).isEqualTo(r);
    assertThat(ec2.describe("one")).isEqualTo(r);
    assertRefused(CODES.notFound(), () -> ec2.describe("two"));
    assertRefused(CODES.notFound(), () -> ec2.describeById("key-00000000000000099"));
    assertRefused(CODES.notFound(), () -> ec2.list(KeyPairQuery.builder().names("one", "two").build()));
    assertRefused(CODES.notFound(), () -> ec2.list(KeyPairQuery.builder().ids("key-00000000000000099").build()));
    assertThat(ec2.list(KeyPairQuery.builder().fingerprint(r.fingerprint()).build()).items()).containsExactly(r);
  }

  @Test
  void deleteIsIdempotentOneNameAtATimeAndInstancesKeepTheirKey() {
    importEd25519("k");
    ec2.addInstance("i-1", OsType.LINUX, InstanceState.RUNNING);
    ec2.attach("k", List.of("i-1"));
    assertThat(ec2.delete("k")).containsExactly("k");
    assertThat(ec2.delete("k")).isEmpty();
    assertThat(ec2.delete("never-was")).isEmpty();
    assertThat(ec2.deleteById("key-00000000000000001")).isFalse();
    assertRefused(CODES.invalidParameter(), () -> ec2.delete("a", "b"));
    Instance i = ec2.instance("i-1");
    assertThat(i.keyPairName()).contains("k");
    assertThat(i.authorizedKeys()).startsWith("ssh-ed25519 ").endsWith(" k\n");
  }

  // ---------------------------------------------------------------------------------------- binding

  @Test
  void bindingTakesEffectAtOnceOnLinuxAndWindows() {
    importEd25519("k");
    ec2.addInstance("i-lin", OsType.LINUX, InstanceState.RUNNING);
    ec2.addInstance("i-win", OsType.WINDOWS, InstanceState.STOPPED);
    assertThat(ec2.attach("k", List.of("i-lin", "i-win"))).allMatch(BindingResult::succeeded);
    for (Instance i : ec2.instances()) {
      assertThat(i.restartPending()).isFalse();
      assertThat(i.metadataOpenSshKey()).contains(ec2.describe("k").publicKeyLine() + "\n");
    }
    assertThat(ec2.detach("k", List.of("i-win"))).allMatch(BindingResult::succeeded);
    assertThat(ec2.instance("i-win").authorizedKeys()).isEmpty();
    assertThat(ec2.instance("i-win").metadataOpenSshKey()).isEmpty();
  }
}
