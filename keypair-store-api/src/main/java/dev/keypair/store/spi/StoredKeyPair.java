package dev.keypair.store.spi;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One key pair as a store keeps it: plain values only, so that any storage can hold it in one row.
 * The registry above the store computes every field; a store keeps them and compares the keys
 * ({@code nameKey}, {@code fingerprintKey}, {@code publicKeyKey}) byte for byte.
 *
 * @param id             the provider-shaped id, unique in the scope ({@code key-0123456789abcdef0} on AWS)
 * @param name           the name as the caller gave it
 * @param nameKey        the name as compared for uniqueness (see {@code NamingRule#uniquenessKey}); unique in
 *                       the scope; listing is ordered by it
 * @param type           the key family: {@code rsa}, {@code ecdsa}, {@code ed25519}, {@code dsa}
 * @param bits           the key size in bits
 * @param fingerprint    the fingerprint as the provider shows it
 * @param fingerprintKey the fingerprint as compared by a lookup (indexed)
 * @param origin         {@code created} or {@code imported}
 * @param created        when the key pair was registered (millisecond precision is kept)
 * @param tags           the tags, sorted by key
 * @param publicKey      the OpenSSH public key line, without a comment
 * @param publicKeyKey   when the provider refuses the same public key twice in a scope, a value unique in
 *                       the scope (the SHA-256 of the blob); otherwise {@code null}
 */
public record StoredKeyPair(String id, String name, String nameKey, String type, int bits, String fingerprint,
    String fingerprintKey, String origin, Instant created, Map<String, String> tags, String publicKey,
    String publicKeyKey) {

  public StoredKeyPair {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(nameKey, "nameKey");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(fingerprintKey, "fingerprintKey");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(publicKey, "publicKey");
    tags = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(tags));
  }

  /** This key pair with other tags. */
  public StoredKeyPair withTags(Map<String, String> newTags) {
    return new StoredKeyPair(id, name, nameKey, type, bits, fingerprint, fingerprintKey, origin, created, newTags,
        publicKey, publicKeyKey);
  }
}
