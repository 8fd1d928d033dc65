package dev.keypair.store;

import static dev.keypair.store.contract.ContractSupport.assertRefused;
import static dev.keypair.store.contract.ContractSupport.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.InsecureSecretAccess;
import dev.keypair.core.KeyType;
import dev.keypair.formats.PublicKeyFormat;
import dev.keypair.store.contract.ContractSupport;
import dev.keypair.testsupport.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Alibaba Cloud Simple Application Server at the library level: 10 per region, names of 2 to 64, RSA 2048 only. */
class AlibabaSwasScenarioTest {

  private static final ProviderCodes CODES = ProviderProfiles.ALIBABA_SWAS.codes();

  private final KeyPairRegistry swas = ContractSupport.registry(InMemoryKeyPairStore.create(),
      ProviderProfiles.ALIBABA_SWAS, "cn-shanghai");

  @Test
  void aKeyPairsLifeOnSimpleApplicationServer() {
    assertRefused(CODES.nameMalformed(), () -> swas.create("s"));
    assertRefused(CODES.nameMalformed(), () -> swas.create("s" + "x".repeat(64)));
    KeyPairRecord server;
    try (CreatedKeyPair kp = swas.create("s" + "x".repeat(63))) {
      server = kp.record();
      assertThat(new String(kp.privateKey().toByteArray(InsecureSecretAccess.get()), StandardCharsets.US_ASCII))
          .startsWith("-----BEGIN PRIVATE KEY-----");
    }
    assertThat(server.bits()).isEqualTo(2048);
    assertThat(server.type()).isEqualTo("rsa");
    assertRefused(CODES.invalidParameter(), () -> swas.create("ed", KeyType.ED25519, CreateFormat.PEM, Map.of()));

    for (String f : List.of("rsa1024", "rsa4096", "ed25519", "ecdsa256", "dsa1024")) {
      assertRefused(CODES.keyRefused(), () -> swas.importPublicKey("imported", Fixtures.bytes(f + ".pub"), Map.of()));
    }
    swas.importPublicKey("imported", Fixtures.bytes("rsa2048.pub"), Map.of());

    swas.addInstance("srv-1", OsType.LINUX, InstanceState.RUNNING);
    swas.attach("imported", List.of("srv-1"));
    assertThat(swas.instance("srv-1").restartPending()).isTrue();
    assertRefused(CODES.attached(), () -> swas.delete("imported"));
    swas.detach("imported", List.of("srv-1"));
    assertThat(swas.delete("imported")).containsExactly("imported");

    for (int i = swas.count(); i < 10; i++) {
      swas.importKey("key" + i, fixture("rsa2048"), PublicKeyFormat.OPENSSH, Map.of());
    }
    assertRefused(CODES.quotaExceeded(), () -> swas.importKey("key10", fixture("rsa2048"), PublicKeyFormat.OPENSSH,
        Map.of()));
    assertRefused(CODES.quotaExceeded(), () -> swas.create("key10"));
    assertThat(swas.listAll(KeyPairQuery.all())).hasSize(10);
    assertThat(swas.list(KeyPairQuery.all()).nextPageToken()).isEmpty();
  }
}
