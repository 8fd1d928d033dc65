package dev.keypair.store;

import static dev.keypair.store.contract.ContractSupport.assertRefused;
import static dev.keypair.store.contract.ContractSupport.ed25519;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypair.core.KeyType;
import dev.keypair.formats.PublicKeyFormat;
import dev.keypair.store.contract.ContractSupport;
import dev.keypair.store.contract.KeyPairStoreContract;
import dev.keypair.store.spi.KeyPairStore;
import dev.keypair.store.spi.StoreErrors;
import dev.keypair.store.spi.StoredInstance;
import dev.keypair.store.spi.StoredKeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The in-memory store runs the contract, and is as strict as its javadoc says. */
class InMemoryKeyPairStoreTest extends KeyPairStoreContract {

  @Override
  protected KeyPairStore newStore() {
    return InMemoryKeyPairStore.create();
  }

  /** Cheap here: the 200 repetitions of HOSTILE 33. */
  @Override
  protected int raceRepetitions() {
    return 200;
  }

  private static final StoredKeyPair K1 = keyPair("kp-1", "one", "f1", "pk-1");

  private static StoredInstance bound(String id, String keyPairId, long version) {
    return new StoredInstance(id, "linux", "running", keyPairId, keyPairId == null ? null : "n", null, null, false,
        version);
  }

  /** Every SPI call, each once. */
  private static List<ThrowingCallable> everyCall(InMemoryKeyPairStore s) {
    List<ThrowingCallable> calls = new ArrayList<>();
    calls.add(() -> s.insertKeyPair(SCOPE, keyPair("kp-2", "two"), 10));
    calls.add(() -> s.deleteKeyPair(SCOPE, "kp-1", false));
    calls.add(() -> s.replaceTags(SCOPE, "kp-1", Map.of(), Map.of("a", "b")));
    calls.add(() -> s.insertInstance(SCOPE, bound("i-2", null, 0)));
    calls.add(() -> s.replaceInstance(SCOPE, 0, bound("i-1", "kp-1", 1), "kp-1"));
    return calls;
  }

  private static List<ThrowingCallable> everyRead(InMemoryKeyPairStore s) {
    return List.of(() -> s.keyPairById(SCOPE, "kp-1"), () -> s.keyPairByNameKey(SCOPE, "one"),
        () -> s.keyPairsByFingerprintKey(SCOPE, "f1"), () -> s.keyPairs(SCOPE, null, 10),
        () -> s.countKeyPairs(SCOPE), () -> s.instance(SCOPE, "i-1"), () -> s.instances(SCOPE));
  }

  private static InMemoryKeyPairStore filled() {
    InMemoryKeyPairStore s = InMemoryKeyPairStore.create();
    s.insertKeyPair(SCOPE, K1, 10);
    s.insertInstance(SCOPE, bound("i-1", null, 0));
    return s;
  }

  private static void assertUnchanged(InMemoryKeyPairStore s) {
    assertThat(s.keyPairs(SCOPE, null, 10)).containsExactly(K1);
    assertThat(s.keyPairsByFingerprintKey(SCOPE, "f1")).containsExactly(K1);
    assertThat(s.instances(SCOPE)).containsExactly(bound("i-1", null, 0));
    assertThat(s.countKeyPairs(SCOPE)).isEqualTo(1);
    // name key and public-key key are still taken
    assertThat(s.insertKeyPair(SCOPE, keyPair("kp-9", "one", "f", null), 10)).isEqualTo(
        KeyPairStore.InsertOutcome.NAME_TAKEN);
    assertThat(s.insertKeyPair(SCOPE, keyPair("kp-9", "nine", "f", "pk-1"), 10)).isEqualTo(
        KeyPairStore.InsertOutcome.PUBLIC_KEY_TAKEN);
  }

  @Test
  void everyCallAfterCloseIsUnavailable() {
    InMemoryKeyPairStore s = filled();
    s.close();
    s.close();
    List<ThrowingCallable> all = new ArrayList<>(everyCall(s));
    all.addAll(everyRead(s));
    for (ThrowingCallable c : all) {
      assertRefused(StoreErrors.UNAVAILABLE, c);
    }
    assertThat(StoreErrors.UNAVAILABLE.category()).isEqualTo(dev.keypair.core.ErrorCode.Category.INPUT);
  }

  @Test
  void failedWritesChangeNothingAndReadsGoOn() throws Throwable {
    InMemoryKeyPairStore s = filled();
    s.failWrites(true);
    for (ThrowingCallable c : everyCall(s)) {
      assertRefused(StoreErrors.UNAVAILABLE, c);
    }
    for (ThrowingCallable c : everyRead(s)) {
      c.call();
    }
    s.failWrites(false);
    assertUnchanged(s);
    assertThat(s.deleteKeyPair(SCOPE, "kp-1", false)).isEqualTo(KeyPairStore.DeleteOutcome.DELETED);
  }

  @Test
  void aRegistryOnAFailingStoreFailsAndChangesNothing() {
    InMemoryKeyPairStore s = InMemoryKeyPairStore.create();
    KeyPairRegistry r = ContractSupport.registry(s, ProviderProfiles.ALIBABA_ECS.toBuilder()
        .importType(KeyType.ED25519, PublicKeyFormat.OPENSSH).build(), "cn-hangzhou");
    r.importKey("kept", ed25519(0), PublicKeyFormat.OPENSSH, Map.of("a", "1"));
    r.addInstance("i-1", OsType.LINUX, InstanceState.RUNNING);
    r.attach("kept", List.of("i-1"));
    Instance before = r.instance("i-1");
    s.failWrites(true);
    assertRefused(StoreErrors.UNAVAILABLE, () -> r.importKey("new", ed25519(1), PublicKeyFormat.OPENSSH, Map.of()));
    assertRefused(StoreErrors.UNAVAILABLE, () -> r.tag("kept", Map.of("b", "2")));
    assertRefused(StoreErrors.UNAVAILABLE, () -> r.detach("kept", List.of("i-1")));
    assertRefused(StoreErrors.UNAVAILABLE, () -> r.restart("i-1"));
    assertRefused(StoreErrors.UNAVAILABLE, () -> r.addInstance("i-2", OsType.LINUX, InstanceState.RUNNING));
    s.failWrites(false);
    assertThat(r.count()).isEqualTo(1);
    assertThat(r.describe("kept").tags()).containsExactly(Map.entry("a", "1"));
    assertThat(r.instances()).containsExactly(before);
  }

  @Test
  void refusesWhatNoRegistryWouldPass() {
    InMemoryKeyPairStore s = filled();
    assertThatThrownBy(() -> s.replaceInstance(SCOPE, 0, bound("i-1", null, 0), null))
        .as("the version must move forward").isInstanceOf(IllegalArgumentException.class);
    assertThat(s.instance(SCOPE, "i-1")).contains(bound("i-1", null, 0));
    assertThatThrownBy(() -> s.keyPairs(SCOPE, null, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.countKeyPairs(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> s.insertKeyPair(SCOPE, null, 1)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void storesKeepNothingTheCallerCanChangeLater() {
    InMemoryKeyPairStore s = InMemoryKeyPairStore.create();
    Map<String, String> tags = new java.util.HashMap<>(Map.of("a", "1"));
    s.insertKeyPair(SCOPE, keyPair("kp-1", "one").withTags(tags), 10);
    tags.put("b", "2");
    assertThat(s.keyPairById(SCOPE, "kp-1").orElseThrow().tags()).containsOnlyKeys("a");
    assertThatThrownBy(() -> s.keyPairById(SCOPE, "kp-1").orElseThrow().tags().put("c", "3"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
