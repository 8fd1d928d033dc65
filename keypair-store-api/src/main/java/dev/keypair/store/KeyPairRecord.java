package dev.keypair.store;

import dev.keypair.core.SshPublicKey;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A key pair as a registry describes it: what a console's Key Pairs page shows for one row.
 *
 * @param id          the provider-shaped id ({@code key-} and 17 hex digits on AWS)
 * @param name        the key pair's name
 * @param type        the key family: {@code rsa}, {@code ecdsa}, {@code ed25519} or {@code dsa}
 * @param bits        the key size in bits
 * @param fingerprint the fingerprint as the provider shows it (its {@link ProviderProfile#fingerprintRule()};
 *                    on AWS, a different value for a created and an imported RSA key)
 * @param origin      created by the provider or imported
 * @param created     when it was registered, in UTC
 * @param tags        its tags, sorted by key
 * @param publicKey   the public key with the key-pair name as comment: what an instance bound to it serves
 */
public record KeyPairRecord(String id, String name, String type, int bits, String fingerprint, KeyOrigin origin,
    Instant created, SortedMap<String, String> tags, SshPublicKey publicKey) {

  public KeyPairRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(publicKey, "publicKey");
    tags = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(Map.copyOf(tags)));
  }

  /** The public key as one OpenSSH line ({@code ssh-ed25519 AAAA... NAME}), without a line end. */
  public String publicKeyLine() {
    return Registries.openSshLine(publicKey);
  }
}
