package dev.keypair.store;

import static dev.keypair.testsupport.Totality.FUZZ_LIMITS;
import static dev.keypair.testsupport.Totality.returnsOrRefuses;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.keypair.core.Passphrase;
import java.util.Map;
import java.util.Optional;

/**
 * Coverage-guided fuzz target for registry import (README, "Fuzzing"): the same bytes imported as a public key
 * file and as a private key file into a fresh in-memory registry of every seed profile. Each plain test
 * run replays the seeds under {@code RegistryImportFuzzTestInputs/importKeyFile/}.
 */
class RegistryImportFuzzTest {

  /** The passphrase of the encrypted PEM seeds (keypair-formats' {@code pem-private/PASSPHRASE}). */
  private static final String PASSPHRASE = "keypair-fixture";

  /**
   * Totality, and all or nothing: an accepted import is stored under its name with the key it read; a
   * refused one leaves the registry empty.
   */
  @FuzzTest
  void importKeyFile(byte[] content) {
    for (ProviderProfile profile : ProviderProfiles.all()) {
      KeyPairRegistry registry = KeyPairRegistry.builder(InMemoryKeyPairStore.create(), profile, Region.of("r1"))
          .limits(FUZZ_LIMITS).build();
      check(registry, "public-key", returnsOrRefuses(() -> registry.importPublicKey("public-key", content, Map.of())));
      check(registry, "private-key", returnsOrRefuses(() -> registry.importFromPrivateKey("private-key", content,
          Passphrase.of(PASSPHRASE.toCharArray()), Map.of())));
    }
  }

  private static void check(KeyPairRegistry registry, String name, Optional<KeyPairRecord> imported) {
    assertThat(registry.find(name)).as("%s: stored iff imported", registry.profile().id()).isEqualTo(imported);
    imported.ifPresent(r -> assertThat(r.name()).isEqualTo(name));
  }
}
