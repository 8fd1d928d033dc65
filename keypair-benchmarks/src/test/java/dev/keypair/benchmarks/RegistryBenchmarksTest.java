package dev.keypair.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypair.core.KeyPairException;
import dev.keypair.store.KeyPairRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The registry benchmarks measure imports that succeed and lookups that find: a region takes EC2's quota of
 * distinct keys, and each fingerprint finds its own key pair. SQLite takes 500 here (5,000 imports, one
 * transaction each, take about 10 s on a busy 2-core machine; the quota is the registry's check, the same on
 * both stores, and a refused import would stop the benchmark with an error, never be timed as a success).
 */
class RegistryBenchmarksTest {

  @ParameterizedTest
  @ValueSource(strings = {"memory", "sqlite"})
  void aRegionTakesTheKeysAndEachFingerprintFindsItsKeyPair(String store) {
    int size = store.equals("memory") ? RegistryFixture.QUOTA : 500;
    List<byte[]> lines = RegistryFixture.publicKeyLines(size);
    try (RegistryFixture fixture = new RegistryFixture(store)) {
      List<String> fingerprints = fixture.importAll(lines);
      assertThat(fixture.registry.count()).isEqualTo(size);
      assertThat(fingerprints).doesNotHaveDuplicates();
      if (size == RegistryFixture.QUOTA) {
        assertThatThrownBy(() -> fixture.registry.importPublicKey("one-more", lines.get(0), Map.of()))
            .isInstanceOf(KeyPairException.class);
      }
      for (int i : new int[] {0, 1, size / 2, size - 1}) {
        List<KeyPairRecord> found = fixture.registry.findByFingerprint(fingerprints.get(i));
        assertThat(found).extracting(KeyPairRecord::name).containsExactly(RegistryFixture.name(i));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "sqlite"})
  void theLookupBenchmarkFindsOneKeyPairACall(String store) {
    RegistryLookupBenchmark b = new RegistryLookupBenchmark();
    b.store = store;
    b.size = 500;
    b.fill();
    try {
      for (int i = 0; i < 3; i++) {
        assertThat(b.findByFingerprint()).extracting(KeyPairRecord::name).containsExactly(RegistryFixture.name(i));
      }
    } finally {
      b.close();
    }
  }
}
