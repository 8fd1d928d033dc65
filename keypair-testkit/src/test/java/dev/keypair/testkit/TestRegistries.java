package dev.keypair.testkit;

import dev.keypair.core.EcCurve;
import dev.keypair.core.Comment;
import dev.keypair.core.KeyType;
import dev.keypair.core.SshPublicKey;
import dev.keypair.store.IdGenerator;
import dev.keypair.store.InMemoryKeyPairStore;
import dev.keypair.store.KeyPairRegistry;
import dev.keypair.store.ProviderProfile;
import dev.keypair.store.Region;
import dev.keypair.testsupport.TestKeys;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Registries for the testkit's tests: in memory, a fixed clock, sequential ids; and a key each profile takes. */
final class TestRegistries {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-06T07:08:09.123Z"), ZoneOffset.UTC);

  private TestRegistries() {}

  /** A new in-memory registry of {@code profile}. */
  static KeyPairRegistry inMemory(ProviderProfile profile) {
    return KeyPairRegistry.builder(InMemoryKeyPairStore.create(), profile, Region.of("eu-west-1")).clock(CLOCK)
        .ids(IdGenerator.sequential()).build();
  }

  /** ssh-keygen's 2048-bit RSA fixture key. */
  static SshPublicKey rsa2048() {
    return SshPublicKey.of(TestKeys.fixtureKey("rsa2048"), Comment.none());
  }

  /** A key {@code profile} imports as an OpenSSH line: Ed25519, else ECDSA P-256, else 2048-bit RSA. */
  static SshPublicKey acceptedKey(ProviderProfile profile) {
    for (SshPublicKey k : List.of(KeyPairArbitrary.ed25519(0).publicKey(), KeyPairArbitrary.ecdsa(EcCurve.NISTP256, 0).publicKey(), rsa2048())) {
      boolean sizeOk = k.type() != KeyType.RSA || profile.rsaImportSizes().isEmpty()
          ? k.bits() >= (k.type() == KeyType.RSA ? profile.minRsaImportBits() : 0)
          : profile.rsaImportSizes().contains(k.bits());
      if (profile.importTypes().contains(k.type()) && sizeOk) {
        return k;
      }
    }
    throw new IllegalArgumentException(profile + " imports none of the test keys");
  }
}
