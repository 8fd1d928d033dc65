package dev.keypair.store.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a registry keeps its key pairs and instances: the storage SPI.
 *
 * <p>The SPI is deliberately small and holds no provider policy: the registry
 * ({@code dev.keypair.store.KeyPairRegistry}) checks names, key types, tags and binding rules once,
 * above it. What a store must guarantee is atomicity of the few conditional writes on which the
 * registry's promises rest, under concurrent callers in one process and, for a store shared by
 * processes, across processes:
 * <ul>
 *   <li>{@link #insertKeyPair}: the quota check and the uniqueness of id, name key and public-key key
 *       are one atomic step (a conditional insert), so a registry never holds more than its quota
 *       nor two key pairs with one name;</li>
 *   <li>{@link #deleteKeyPair} with {@code refuseIfBound}: no instance is bound to the key pair at the
 *       moment it is deleted;</li>
 *   <li>{@link #replaceTags}: a compare-and-set on the tags;</li>
 *   <li>{@link #replaceInstance}: a compare-and-set on the instance's version, which also checks that
 *       the key pair being bound still exists.</li>
 * </ul>
 * Every method that returns has made its change durable (a durable store) or visible to every later
 * call (an in-memory one); a method that throws has changed nothing. Failures are
 * {@code KeyPairException}s with a store error code ({@code Store.Corrupt}, {@code Store.Unavailable}...).
 *
 * <p>Every store runs the contract suite ({@code KeyPairStoreContract} in this module's test-jar).
 */
public interface KeyPairStore extends AutoCloseable {

  /** Outcome of {@link #insertKeyPair}. */
  enum InsertOutcome {
    /** Stored. */
    INSERTED,
    /** Another key pair in the scope has this id. */
    ID_TAKEN,
    /** Another key pair in the scope has this name key. */
    NAME_TAKEN,
    /** Another key pair in the scope has this public-key key. */
    PUBLIC_KEY_TAKEN,
    /** The scope already holds {@code quota} key pairs. */
    QUOTA_EXCEEDED
  }

  /** Outcome of {@link #deleteKeyPair}. */
  enum DeleteOutcome {
    /** Removed. */
    DELETED,
    /** No key pair with this id in the scope. */
    ABSENT,
    /** Refused: an instance is bound to it. */
    BOUND
  }

  /**
   * Stores {@code keyPair} if, atomically, the scope holds fewer than {@code quota} key pairs and none
   * with the same id, name key or (when set) public-key key. Checked in that order: a taken id, then a
   * taken name, then a taken public key, then the quota.
   */
  InsertOutcome insertKeyPair(Scope scope, StoredKeyPair keyPair, int quota);

  /** The key pair with this id. */
  Optional<StoredKeyPair> keyPairById(Scope scope, String id);

  /** The key pair with this name key. */
  Optional<StoredKeyPair> keyPairByNameKey(Scope scope, String nameKey);

  /** The key pairs with this fingerprint key, by name key; an index lookup, not a scan. */
  List<StoredKeyPair> keyPairsByFingerprintKey(Scope scope, String fingerprintKey);

  /**
   * Up to {@code limit} key pairs ordered by name key (by UTF-16 code unit, as {@link String#compareTo}),
   * starting after {@code afterNameKey} ({@code null} for the first).
   */
  List<StoredKeyPair> keyPairs(Scope scope, String afterNameKey, int limit);

  /** How many key pairs the scope holds. */
  int countKeyPairs(Scope scope);

  /** Removes the key pair with this id; with {@code refuseIfBound}, only when no instance is bound to it. */
  DeleteOutcome deleteKeyPair(Scope scope, String id, boolean refuseIfBound);

  /**
   * Replaces the tags of the key pair with this id if, atomically, its tags are {@code expectedTags} (a
   * compare-and-set, so that concurrent tag changes are not lost).
   *
   * @return {@code false}, changing nothing, if there is no such key pair or its tags differ
   */
  boolean replaceTags(Scope scope, String id, Map<String, String> expectedTags, Map<String, String> tags);

  /** Stores the instance unless one with its id exists; {@code false} then. */
  boolean insertInstance(Scope scope, StoredInstance instance);

  /** The instance with this id. */
  Optional<StoredInstance> instance(Scope scope, String id);

  /** The scope's instances, ordered by id. */
  List<StoredInstance> instances(Scope scope);

  /**
   * Replaces the instance if, atomically, its stored version is {@code expectedVersion} and, when
   * {@code requiredKeyPairId} is not null, a key pair with that id exists in the scope. The replacement's
   * version is stored as given (the caller passes {@code expectedVersion + 1}).
   *
   * @return {@code false}, changing nothing, if either condition does not hold
   */
  boolean replaceInstance(Scope scope, long expectedVersion, StoredInstance replacement, String requiredKeyPairId);

  /** Releases what the store holds (connections, locks); the in-memory store forgets nothing on close. */
  @Override
  void close();
}
