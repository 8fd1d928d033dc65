package dev.keypair.store;

import dev.keypair.core.KeyPairException;
import dev.keypair.store.spi.KeyPairStore;
import dev.keypair.store.spi.Scope;
import dev.keypair.store.spi.StoreErrors;
import dev.keypair.store.spi.StoredInstance;
import dev.keypair.store.spi.StoredKeyPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The reference {@link KeyPairStore}: everything in memory, every operation under one lock, so each is
 * atomic and every later call sees it. Lookups by id, name key and fingerprint key are map lookups.
 *
 * <p>It is also a strict test double for users' tests: it checks what it is given (a scope, ids, a
 * version that moves forward), refuses every call after {@link #close()} with {@code Store.Unavailable},
 * and can be told to fail writes ({@link #failWrites}) so that a caller's error handling can be tested;
 * a failed write changes nothing.
 */
public final class InMemoryKeyPairStore implements KeyPairStore {

  private final Object lock = new Object();
  private final Map<Scope, Partition> partitions = new HashMap<>();
  private boolean closed;
  private boolean failWrites;

  private static final class Partition {
    final Map<String, StoredKeyPair> byId = new HashMap<>();
    final TreeMap<String, StoredKeyPair> byNameKey = new TreeMap<>();
    final Map<String, TreeSet<String>> idsByFingerprintKey = new HashMap<>();
    final Map<String, String> idByPublicKeyKey = new HashMap<>();
    final TreeMap<String, StoredInstance> instances = new TreeMap<>();
  }

  private InMemoryKeyPairStore() {}

  /** A new, empty store. */
  public static InMemoryKeyPairStore create() {
    return new InMemoryKeyPairStore();
  }

  /**
   * From now on, every write fails with {@code Store.Unavailable} and changes nothing ({@code true}), or
   * works again ({@code false}). Reads keep working.
   */
  public void failWrites(boolean fail) {
    synchronized (lock) {
      this.failWrites = fail;
    }
  }

  private Partition read(Scope scope) {
    Objects.requireNonNull(scope, "scope");
    if (closed) {
      throw new KeyPairException(StoreErrors.UNAVAILABLE, "the store is closed");
    }
    return partitions.getOrDefault(scope, EMPTY);
  }

  private static final Partition EMPTY = new Partition();

  private Partition write(Scope scope) {
    read(scope);
    if (failWrites) {
      throw new KeyPairException(StoreErrors.UNAVAILABLE, "writes fail (InMemoryKeyPairStore.failWrites)");
    }
    return partitions.computeIfAbsent(scope, s -> new Partition());
  }

  @Override
  public InsertOutcome insertKeyPair(Scope scope, StoredKeyPair keyPair, int quota) {
    Objects.requireNonNull(keyPair, "keyPair");
    synchronized (lock) {
      Partition p = write(scope);
      if (p.byId.containsKey(keyPair.id())) {
        return InsertOutcome.ID_TAKEN;
      }
      if (p.byNameKey.containsKey(keyPair.nameKey())) {
        return InsertOutcome.NAME_TAKEN;
      }
      if (keyPair.publicKeyKey() != null && p.idByPublicKeyKey.containsKey(keyPair.publicKeyKey())) {
        return InsertOutcome.PUBLIC_KEY_TAKEN;
      }
      if (p.byId.size() >= quota) {
        return InsertOutcome.QUOTA_EXCEEDED;
      }
      p.byId.put(keyPair.id(), keyPair);
      p.byNameKey.put(keyPair.nameKey(), keyPair);
      p.idsByFingerprintKey.computeIfAbsent(keyPair.fingerprintKey(), f -> new TreeSet<>()).add(keyPair.id());
      if (keyPair.publicKeyKey() != null) {
        p.idByPublicKeyKey.put(keyPair.publicKeyKey(), keyPair.id());
      }
      return InsertOutcome.INSERTED;
    }
  }

  @Override
  public Optional<StoredKeyPair> keyPairById(Scope scope, String id) {
    Objects.requireNonNull(id, "id");
    synchronized (lock) {
      return Optional.ofNullable(read(scope).byId.get(id));
    }
  }

  @Override
  public Optional<StoredKeyPair> keyPairByNameKey(Scope scope, String nameKey) {
    Objects.requireNonNull(nameKey, "nameKey");
    synchronized (lock) {
      return Optional.ofNullable(read(scope).byNameKey.get(nameKey));
    }
  }

  @Override
  public List<StoredKeyPair> keyPairsByFingerprintKey(Scope scope, String fingerprintKey) {
    Objects.requireNonNull(fingerprintKey, "fingerprintKey");
    synchronized (lock) {
      Partition p = read(scope);
      List<StoredKeyPair> out = new ArrayList<>();
      for (String id : p.idsByFingerprintKey.getOrDefault(fingerprintKey, new TreeSet<>())) {
        out.add(p.byId.get(id));
      }
      out.sort(java.util.Comparator.comparing(StoredKeyPair::nameKey));
      return out;
    }
  }

  @Override
  public List<StoredKeyPair> keyPairs(Scope scope, String afterNameKey, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0");
    }
    synchronized (lock) {
      Partition p = read(scope);
      Map<String, StoredKeyPair> tail = afterNameKey == null ? p.byNameKey : p.byNameKey.tailMap(afterNameKey, false);
      List<StoredKeyPair> out = new ArrayList<>(Math.min(limit, tail.size()));
      for (StoredKeyPair k : tail.values()) {
        if (out.size() >= limit) {
          break;
        }
        out.add(k);
      }
      return out;
    }
  }

  @Override
  public int countKeyPairs(Scope scope) {
    synchronized (lock) {
      return read(scope).byId.size();
    }
  }

  @Override
  public DeleteOutcome deleteKeyPair(Scope scope, String id, boolean refuseIfBound) {
    Objects.requireNonNull(id, "id");
    synchronized (lock) {
      Partition p = write(scope);
      StoredKeyPair k = p.byId.get(id);
      if (k == null) {
        return DeleteOutcome.ABSENT;
      }
      if (refuseIfBound) {
        for (StoredInstance i : p.instances.values()) {
          if (id.equals(i.keyPairId())) {
            return DeleteOutcome.BOUND;
          }
        }
      }
      p.byId.remove(id);
      p.byNameKey.remove(k.nameKey());
      TreeSet<String> same = p.idsByFingerprintKey.get(k.fingerprintKey());
      same.remove(id);
      if (same.isEmpty()) {
        p.idsByFingerprintKey.remove(k.fingerprintKey());
      }
      if (k.publicKeyKey() != null) {
        p.idByPublicKeyKey.remove(k.publicKeyKey());
      }
      return DeleteOutcome.DELETED;
    }
  }

  @Override
  public boolean replaceTags(Scope scope, String id, Map<String, String> expectedTags, Map<String, String> tags) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(expectedTags, "expectedTags");
    Objects.requireNonNull(tags, "tags");
    synchronized (lock) {
      Partition p = write(scope);
      StoredKeyPair k = p.byId.get(id);
      if (k == null || !k.tags().equals(expectedTags)) {
        return false;
      }
      StoredKeyPair next = k.withTags(tags);
      p.byId.put(id, next);
      p.byNameKey.put(k.nameKey(), next);
      return true;
    }
  }

  @Override
  public boolean insertInstance(Scope scope, StoredInstance instance) {
    Objects.requireNonNull(instance, "instance");
    synchronized (lock) {
      Partition p = write(scope);
      if (p.instances.containsKey(instance.id())) {
        return false;
      }
      p.instances.put(instance.id(), instance);
      return true;
    }
  }

  @Override
  public Optional<StoredInstance> instance(Scope scope, String id) {
    Objects.requireNonNull(id, "id");
    synchronized (lock) {
      return Optional.ofNullable(read(scope).instances.get(id));
    }
  }

  @Override
  public List<StoredInstance> instances(Scope scope) {
    synchronized (lock) {
      return List.copyOf(read(scope).instances.values());
    }
  }

  @Override
  public boolean replaceInstance(Scope scope, long expectedVersion, StoredInstance replacement,
      String requiredKeyPairId) {
    Objects.requireNonNull(replacement, "replacement");
    synchronized (lock) {
      Partition p = write(scope);
      StoredInstance current = p.instances.get(replacement.id());
      if (current == null || current.version() != expectedVersion) {
        return false;
      }
      if (replacement.version() <= expectedVersion) {
        throw new IllegalArgumentException("the replacement's version must move forward");
      }
      if (requiredKeyPairId != null && !p.byId.containsKey(requiredKeyPairId)) {
        return false;
      }
      p.instances.put(replacement.id(), replacement);
      return true;
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
    }
  }
}
