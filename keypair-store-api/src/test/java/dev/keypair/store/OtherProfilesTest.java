package dev.keypair.store;

import static dev.keypair.store.contract.ContractSupport.assertRefused;
import static dev.keypair.store.contract.ContractSupport.ed25519;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.KeyType;
import dev.keypair.formats.PublicKeyFormat;
import dev.keypair.store.contract.ContractSupport;
import dev.keypair.testsupport.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OpenStack Nova, DigitalOcean and Hetzner profiles (../shared/PROVIDERS.md, "Others worth a profile"). */
class OtherProfilesTest {

  private static KeyPairRegistry registry(ProviderProfile p) {
    return ContractSupport.registry(InMemoryKeyPairStore.create(), p, "region-1");
  }

  @Test
  void openstackNova() {
    ProviderProfile p = ProviderProfiles.OPENSTACK_NOVA;
    ProviderCodes c = p.codes();
    KeyPairRegistry r = registry(p);
    assertThat(p.quota()).isEqualTo(100);
    for (String ok : List.of("a", "my key_1-x", "Z".repeat(255))) {
      r.importKey(ok, ed25519(0), PublicKeyFormat.OPENSSH, Map.of());
    }
    for (String bad : List.of("", "Z".repeat(256), "a@b", "a.b", "caf\u00e9", "a:b")) {
      assertRefused(c.nameMalformed(), () -> r.importKey(bad, ed25519(0), PublicKeyFormat.OPENSSH, Map.of()));
    }
    KeyPairRegistry v292 = registry(p.toBuilder().naming(NamingRule.openstackNova(true)).build());
    v292.importKey("me@host.example", ed25519(0), PublicKeyFormat.OPENSSH, Map.of());
    KeyPairRecord dsa = r.importPublicKey("dsa", Fixtures.bytes("dsa1024.pub"), Map.of());
    assertThat(dsa.fingerprint()).isEqualTo(Fixtures.line("dsa1024.l.md5").split(" ")[1].substring(4));
    r.importPublicKey("ecdsa", Fixtures.bytes("ecdsa384.pub"), Map.of());
    assertRefused(c.tagInvalid(), () -> r.tag("dsa", Map.of("k", "v")));
    assertRefused(c.notFound(), () -> r.delete("missing"));
    assertThat(r.deleteById(dsa.id())).isTrue();
    assertRefused(c.notFound(), () -> r.deleteById(dsa.id()));
    assertThat(dsa.id()).matches("[1-9][0-9]{7}|0{7}[0-9]");
    assertThat(p.idShape().matches(dsa.id())).isTrue();
    assertThat(p.createTypes()).containsExactly(KeyType.RSA);
    for (int i = r.count(); i < 100; i++) {
      r.importKey("n" + i, ed25519(0), PublicKeyFormat.OPENSSH, Map.of());
    }
    assertRefused(c.quotaExceeded(), () -> r.importKey("more", ed25519(0), PublicKeyFormat.OPENSSH, Map.of()));
    assertThat(c.quotaExceeded().id()).isEqualTo("KeyPair.QuotaExceeded");
  }

  @Test
  void digitalOceanNamesAreNotUniqueButPublicKeysAre() {
    ProviderProfile p = ProviderProfiles.DIGITALOCEAN;
    ProviderCodes c = p.codes();
    KeyPairRegistry r = registry(p);
    KeyPairRecord one = r.importKey("laptop", ed25519(0), PublicKeyFormat.OPENSSH, Map.of());
    KeyPairRecord two = r.importKey("laptop", ed25519(1), PublicKeyFormat.OPENSSH, Map.of());
    assertThat(one.id()).isNotEqualTo(two.id());
    assertRefused(c.duplicatePublicKey(), () -> r.importKey("other", ed25519(0), PublicKeyFormat.OPENSSH, Map.of()));
    assertRefused(c.invalidParameter(), () -> r.describe("laptop"));
    assertRefused(c.invalidParameter(), () -> r.delete("laptop"));
    assertThat(r.listAll(KeyPairQuery.all())).extracting(KeyPairRecord::id)
        .containsExactlyInAnyOrder(one.id(), two.id());
    assertThat(r.listAll(KeyPairQuery.builder().namePattern("laptop").build())).hasSize(2);
    assertThat(r.findByFingerprint(one.fingerprint())).containsExactly(one);
    assertThat(r.deleteById(one.id())).isTrue();
    assertThat(r.describe("laptop")).isEqualTo(two);
    assertThat(r.importKey("again", ed25519(0), PublicKeyFormat.OPENSSH, Map.of()).name()).isEqualTo("again");
    assertRefused(c.unsupported(), () -> r.create("new", KeyType.ED25519, CreateFormat.PEM, Map.of()));
    assertRefused(c.tagInvalid(), () -> r.importKey("t", ed25519(2), PublicKeyFormat.OPENSSH, Map.of("k", "v")));
    assertThat(one.fingerprint()).matches("([0-9a-f]{2}:){15}[0-9a-f]{2}");
  }

  @Test
  void hetznerNamesAndPublicKeysAreUnique() {
    ProviderProfile p = ProviderProfiles.HETZNER;
    ProviderCodes c = p.codes();
    KeyPairRegistry r = registry(p);
    r.importKey("laptop", ed25519(0), PublicKeyFormat.OPENSSH, Map.of("env", "prod"));
    assertRefused(c.duplicateName(), () -> r.importKey("laptop", ed25519(1), PublicKeyFormat.OPENSSH, Map.of()));
    assertRefused(c.duplicatePublicKey(), () -> r.importKey("other", ed25519(0), PublicKeyFormat.OPENSSH, Map.of()));
    // a taken name outranks a taken public key
    assertRefused(c.duplicateName(), () -> r.importKey("laptop", ed25519(0), PublicKeyFormat.OPENSSH, Map.of()));
    assertRefused(c.unsupported(), () -> r.create("new"));
    assertThat(r.listAll(KeyPairQuery.builder().tag("env", "prod").build())).hasSize(1);
    assertRefused(c.tagInvalid(), () -> r.tag("laptop", Map.of("k".repeat(64), "v")));
    r.delete("laptop");
    r.importKey("other", ed25519(0), PublicKeyFormat.OPENSSH, Map.of());
  }
}
