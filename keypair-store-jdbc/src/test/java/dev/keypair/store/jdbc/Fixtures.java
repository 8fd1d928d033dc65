package dev.keypair.store.jdbc;

import dev.keypair.store.spi.Scope;
import dev.keypair.store.spi.StoredInstance;
import dev.keypair.store.spi.StoredKeyPair;
import java.time.Instant;
import java.util.Map;

/** Key pairs and instances for the tests. */
final class Fixtures {

  static final Scope SCOPE = new Scope("aws-ec2", "eu-west-1");
  static final Scope OTHER = new Scope("aws-ec2", "us-east-1");

  private Fixtures() {}

  /** A key pair with this id and name (name key = name), its fingerprint derived from {@code fp}. */
  static StoredKeyPair keyPair(String id, String name, String fp) {
    return keyPair(id, name, fp, null, Map.of());
  }

  static StoredKeyPair keyPair(String id, String name, String fp, String publicKeyKey, Map<String, String> tags) {
    return new StoredKeyPair(id, name, name, "ed25519", 256, "SHA256:" + fp, fp, "imported",
        Instant.ofEpochMilli(1_700_000_000_123L), tags, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + id, publicKeyKey);
  }

  static StoredInstance instance(String id, String keyPairId, long version) {
    return new StoredInstance(id, "linux", "running", keyPairId, keyPairId == null ? null : "name-" + keyPairId,
        keyPairId == null ? null : "ssh-ed25519 AAAA pending", null, keyPairId != null, version);
  }
}
