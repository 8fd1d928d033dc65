package dev.keypair.testkit;

import dev.keypair.core.KeyType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Arbitraries of SSH key types, keys and key pairs, for {@code @Provide} methods. */
public final class SshKeys {

  private SshKeys() {}

  /**
   * The key types keypair generates and writes: RSA, ECDSA on P-256, P-384 and P-521, and Ed25519.
   * Shrinks towards RSA.
   */
  public static Arbitrary<KeyType> keyTypes() {
    return Arbitraries.of(KeyType.RSA, KeyType.ECDSA_NISTP256, KeyType.ECDSA_NISTP384, KeyType.ECDSA_NISTP521,
        KeyType.ED25519);
  }
}
