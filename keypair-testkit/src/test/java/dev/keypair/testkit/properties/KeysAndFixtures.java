package dev.keypair.testkit.properties;

import dev.keypair.core.KeyData;
import dev.keypair.core.SshPublicKey;
import dev.keypair.testkit.SshKeys;
import dev.keypair.testsupport.TestKeys;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * The testkit's keys, and for keypair's own tests the fixture keys it does not make: DSA, certificates, and RSA
 * of 1024 and 2049 bits (an odd size, whose modulus does not fill its top byte).
 */
final class KeysAndFixtures {

  private KeysAndFixtures() {}

  /** Fixture keys ssh-keygen made that keypair reads but the testkit does not generate. */
  static Arbitrary<KeyData> fixtureKeys() {
    return Arbitraries.of("dsa1024", "rsa1024", "rsa2049", "rsa2048-user-cert", "ecdsa384-user-cert",
        "ed25519-user-cert", "dsa1024-user-cert", "ecdsa256-host-cert").map(TestKeys::fixtureKey);
  }

  /** {@link SshKeys#publicKeys()} nine times in ten, {@link #fixtureKeys()} with its comments once in ten. */
  static Arbitrary<SshPublicKey> publicKeys() {
    Arbitrary<SshPublicKey> fixtures = Combinators.combine(fixtureKeys(), SshKeys.comments()).as(SshPublicKey::of);
    return Arbitraries.frequencyOf(Tuple.of(9, SshKeys.publicKeys()), Tuple.of(1, fixtures));
  }
}
