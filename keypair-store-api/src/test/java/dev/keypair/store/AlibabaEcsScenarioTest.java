package dev.keypair.store;

import static dev.keypair.store.contract.ContractSupport.assertRefused;
import static dev.keypair.store.contract.ContractSupport.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.InsecureSecretAccess;
import dev.keypair.formats.PublicKeyFormat;
import dev.keypair.formats.PrivateKeys;
import dev.keypair.store.contract.ContractSupport;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Alibaba Cloud ECS at the library level: naming, create, attach to a Linux instance (in effect after a
 * restart), Windows refused, rebinding replaces, delete refused while attached, 500 per region.
 */
class AlibabaEcsScenarioTest {

  private static final ProviderCodes CODES = ProviderProfiles.ALIBABA_ECS.codes();

  private final KeyPairRegistry ecs = ContractSupport.registry(InMemoryKeyPairStore.create(),
      ProviderProfiles.ALIBABA_ECS, "cn-hangzhou");

  private static String md5OfBlob(KeyPairRecord r) throws Exception {
    byte[] d = MessageDigest.getInstance("MD5").digest(r.publicKey().blob().toByteArray());
    return HexFormat.ofDelimiter(":").formatHex(d);
  }

  @Test
  void aKeyPairsLifeOnEcs() throws Exception {
    for (String bad : List.of("k", "1key", "key.pem", "https://key", "key pair")) {
      assertRefused(CODES.nameMalformed(), () -> ecs.create(bad));
    }
    KeyPairRecord web;
    try (CreatedKeyPair kp = ecs.create("web-key")) {
      web = kp.record();
      String pem = new String(kp.privateKey().toByteArray(InsecureSecretAccess.get()), StandardCharsets.US_ASCII);
      assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
      assertThat(PrivateKeys.decode(pem.getBytes(StandardCharsets.US_ASCII), null).publicKey()
          .sameKey(web.publicKey())).isTrue();
    }
    assertThat(web.bits()).isEqualTo(2048);
    assertThat(web.id()).matches("kp-[0-9a-f]{20}");
    assertThat(web.fingerprint()).isEqualTo(md5OfBlob(web));
    assertThat(ecs.findByFingerprint(web.fingerprint().replace(":", "").toUpperCase(java.util.Locale.ROOT)))
        .containsExactly(web);
    assertRefused(CODES.duplicateName(), () -> ecs.create("web-key"));
    KeyPairRecord ops = ecs.importPublicKey("ops_key", dev.keypair.testsupport.Fixtures.bytes("ecdsa256.pub"),
        Map.of("team", "ops"));

    ecs.addInstance("i-linux", OsType.LINUX, InstanceState.RUNNING);
    ecs.addInstance("i-windows", OsType.WINDOWS, InstanceState.RUNNING);
    List<BindingResult> results = ecs.attach("web-key", List.of("i-linux", "i-windows", "i-gone"));
    assertThat(results).extracting(BindingResult::error).containsExactly(Optional.empty(),
        Optional.of(CODES.windowsInstance()), Optional.of(CODES.instanceNotFound()));
    Instance linux = ecs.instance("i-linux");
    assertThat(linux.keyPairName()).contains("web-key");
    assertThat(linux.restartPending()).isTrue();
    assertThat(linux.authorizedKeys()).as("pending until restart").isEmpty();
    assertThat(ecs.restart("i-linux").authorizedKeys()).isEqualTo(web.publicKeyLine() + "\n");
    assertThat(web.publicKeyLine()).endsWith(" web-key");

    assertRefused(CODES.attached(), () -> ecs.delete("web-key"));
    assertRefused(CODES.attached(), () -> ecs.delete("ops_key", "web-key"));
    assertThat(ecs.count()).isEqualTo(2);

    // rebinding replaces: the old key is served until the restart, then the new one alone
    assertThat(ecs.attach("ops_key", List.of("i-linux"))).allMatch(BindingResult::succeeded);
    assertThat(ecs.instance("i-linux").authorizedKeys()).isEqualTo(web.publicKeyLine() + "\n");
    assertThat(ecs.restart("i-linux").authorizedKeys()).isEqualTo(ops.publicKeyLine() + "\n");
    assertThat(ecs.delete("web-key")).containsExactly("web-key");
    assertRefused(CODES.attached(), () -> ecs.delete("ops_key"));
    ecs.detach("ops_key", List.of("i-linux"));
    ecs.restart("i-linux");
    assertThat(ecs.instance("i-linux").keyPairName()).isEmpty();
    assertThat(ecs.instance("i-linux").authorizedKeys()).isEmpty();

    // 500 per region
    for (int i = ecs.count(); i < 500; i++) {
      ecs.importKey("key-" + i, fixture("rsa2048"), PublicKeyFormat.OPENSSH, Map.of());
    }
    assertRefused(CODES.quotaExceeded(), () -> ecs.importKey("key-500", fixture("rsa2048"), PublicKeyFormat.OPENSSH,
        Map.of()));
    assertRefused(CODES.quotaExceeded(), () -> ecs.create("key-500"));
    assertThat(ecs.delete("ops_key")).containsExactly("ops_key");
    assertThat(ecs.count()).isEqualTo(499);
  }
}
