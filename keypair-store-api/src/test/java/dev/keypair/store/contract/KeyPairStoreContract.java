package dev.keypair.store.contract;

import static dev.keypair.store.contract.ContractSupport.NOW;
import static dev.keypair.store.contract.ContractSupport.ed25519;
import static dev.keypair.store.contract.ContractSupport.registry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.SshPublicKey;
import dev.keypair.formats.PublicKeyFormat;
import dev.keypair.formats.PublicKeys;
import dev.keypair.store.KeyPairQuery;
import dev.keypair.store.KeyPairRegistry;
import dev.keypair.store.NamingRule;
import dev.keypair.store.ProviderProfile;
import dev.keypair.store.ProviderProfiles;
import dev.keypair.store.spi.KeyPairStore;
import dev.keypair.store.spi.KeyPairStore.DeleteOutcome;
import dev.keypair.store.spi.KeyPairStore.InsertOutcome;
import dev.keypair.store.spi.Scope;
import dev.keypair.store.spi.StoredInstance;
import dev.keypair.store.spi.StoredKeyPair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.ActionChain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link KeyPairStore} runs: extend it, implement {@link #newStore()} (and, for a
 * durable store, {@link #reopen}), and the suite checks
 * <ul>
 *   <li>each SPI method as its javadoc promises it (the {@code spi*} tests): insert outcomes and their
 *       precedence, ordering by name key in UTF-16 code units, lookups, tags, delete with and without
 *       {@code refuseIfBound}, the instance compare-and-set, and isolation of scopes;</li>
 *   <li>a {@link KeyPairRegistry} on the store against a model of maps, through random sequences of
 *       create, import, delete, attach, detach, restart, list, tag and reopen (jqwik {@link ActionChain});</li>
 *   <li>the atomicity the registry's promises rest on, under 64 threads (HOSTILE 33, 34): the quota, the
 *       uniqueness of a name (also across case and Unicode normalisation), and count and list never above
 *       the quota while keys come and go.</li>
 * </ul>
 * The suite commits about 1,500 writes in all, so a store on disk runs it in seconds.
 */
public abstract class KeyPairStoreContract {

  /** A scope of the SPI tests. */
  protected static final Scope SCOPE = new Scope("contract", "eu-west-1");

  /** Threads of the HOSTILE 33 and 34 races. */
  private static final int THREADS = 64;

  private final List<KeyPairStore> opened = Collections.synchronizedList(new ArrayList<>());
  private ExecutorService pool;

  /** A new, empty store; the suite closes it. */
  protected abstract KeyPairStore newStore();

  /**
   * A store on the same data as {@code store}, as after a restart of the process: a durable store closes
   * {@code store} and opens its file or database again. The default, for a store that keeps nothing
   * beyond its own life, returns {@code store}. The suite closes every store it was given once more at the
   * end of each test, so {@code close()} must be harmless on a closed store.
   */
  protected KeyPairStore reopen(KeyPairStore store) {
    return store;
  }

  /**
   * How often each 64-thread race runs (HOSTILE 33 asks for 200); each repetition of the quota and name races
   * commits at most five writes, the mixed create/delete race a few hundred (it runs a fifth as often).
   */
  protected int raceRepetitions() {
    return 20;
  }

  /** A store the suite closes after the test. */
  protected final KeyPairStore store() {
    KeyPairStore s = newStore();
    opened.add(s);
    return s;
  }

  /** {@link #reopen}, with the result closed after the test. */
  protected final KeyPairStore reopened(KeyPairStore store) {
    KeyPairStore s = reopen(store);
    opened.add(s);
    return s;
  }

  @BeforeEach
  void startPool() {
    pool = Executors.newFixedThreadPool(THREADS);
  }

  @AfterEach
  void closeStores() throws InterruptedException {
    if (pool != null) {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
    closeOpened();
  }

  /** Closes every store opened so far, each once, newest first. */
  protected final void closeOpened() {
    List<KeyPairStore> all;
    synchronized (opened) {
      all = new ArrayList<>(opened);
      opened.clear();
    }
    Collections.reverse(all);
    java.util.Set<KeyPairStore> closed = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (KeyPairStore s : all) {
      if (closed.add(s)) {
        s.close();
      }
    }
  }

  /** Runs {@code check} on {@code store} and on {@link #reopened} of it; returns the reopened store. */
  protected final KeyPairStore bothViews(KeyPairStore store, java.util.function.Consumer<KeyPairStore> check) {
    check.accept(store);
    KeyPairStore again = reopened(store);
    check.accept(again);
    return again;
  }

  // ------------------------------------------------------------------------------- records for the SPI

  /** A key pair with this id and name key, its own public key, no tags. */
  protected static StoredKeyPair keyPair(String id, String nameKey) {
    return keyPair(id, nameKey, "fp-" + id, null);
  }

  /** A key pair with these keys; the public key is a real Ed25519 line picked by the id. */
  protected static StoredKeyPair keyPair(String id, String nameKey, String fingerprintKey, String publicKeyKey) {
    String line = PublicKeys.encodeToString(ed25519(Math.floorMod(id.hashCode(), 8)), PublicKeyFormat.OPENSSH).strip();
    return new StoredKeyPair(id, nameKey, nameKey, "ed25519", 256, fingerprintKey.toUpperCase(java.util.Locale.ROOT),
        fingerprintKey, "imported", NOW, Map.of(), line, publicKeyKey);
  }

  private static StoredInstance instance(String id, String keyPairId, long version) {
    return new StoredInstance(id, "linux", "running", keyPairId, keyPairId == null ? null : "name-" + keyPairId,
        null, null, false, version);
  }

  private static List<String> ids(List<StoredKeyPair> keyPairs) {
    return keyPairs.stream().map(StoredKeyPair::id).toList();
  }

  private static List<String> nameKeys(List<StoredKeyPair> keyPairs) {
    return keyPairs.stream().map(StoredKeyPair::nameKey).toList();
  }

  // ------------------------------------------------------------------------------------- SPI: insert

  @Test
  public void spiInsertStoresEveryFieldAsGiven() {
    KeyPairStore s = store();
    StoredKeyPair k = new StoredKeyPair("kp-1", "Déploy 1", "déploy 1", "rsa", 2048, "AB:CD:EF", "abcdef", "created",
        NOW, Map.of("z", "last", "a", "first", "é", "ünï"), keyPair("kp-1", "x").publicKey(), "pk-1");
    assertThat(s.insertKeyPair(SCOPE, k, 10)).isEqualTo(InsertOutcome.INSERTED);
    bothViews(s, view -> {
      assertThat(view.keyPairById(SCOPE, "kp-1")).contains(k);
      assertThat(view.keyPairByNameKey(SCOPE, "déploy 1")).contains(k);
      assertThat(view.keyPairById(SCOPE, "kp-1").orElseThrow().tags()).containsExactly(
          Map.entry("a", "first"), Map.entry("z", "last"), Map.entry("é", "ünï"));
      assertThat(view.keyPairById(SCOPE, "kp-1").orElseThrow().created()).isEqualTo(NOW);
      assertThat(view.keyPairByNameKey(SCOPE, "Déploy 1")).as("name keys are compared byte for byte").isEmpty();
      assertThat(view.countKeyPairs(SCOPE)).isEqualTo(1);
    });
  }

  @Test
  public void spiInsertRefusesTakenIdNameAndPublicKeyAndFullQuota() {
    KeyPairStore s = store();
    assertThat(s.insertKeyPair(SCOPE, keyPair("kp-1", "one", "f1", "pk-1"), 3)).isEqualTo(InsertOutcome.INSERTED);
    assertThat(s.insertKeyPair(SCOPE, keyPair("kp-1", "two", "f2", "pk-2"), 3)).isEqualTo(InsertOutcome.ID_TAKEN);
    assertThat(s.insertKeyPair(SCOPE, keyPair("kp-2", "one", "f2", "pk-2"), 3)).isEqualTo(InsertOutcome.NAME_TAKEN);
    assertThat(s.insertKeyPair(SCOPE, keyPair("kp-2", "two", "f2", "pk-1"), 3))
        .isEqualTo(InsertOutcome.PUBLIC_KEY_TAKEN);
    // no public-key key: never a conflict
    assertThat(s.insertKeyPair(SCOPE, keyPair("kp-2", "two", "f1", null), 3)).isEqualTo(InsertOutcome.INSERTED);
    assertThat(s.insertKeyPair(SCOPE, keyPair("kp-3", "three", "f1", null), 3)).isEqualTo(InsertOutcome.INSERTED);
    assertThat(s.insertKeyPair(SCOPE, keyPair("kp-4", "four", "f4", "pk-4"), 3))
        .isEqualTo(InsertOutcome.QUOTA_EXCEEDED);
    assertThat(s.insertKeyPair(SCOPE, keyPair("kp-4", "four", "f4", "pk-4"), 4)).isEqualTo(InsertOutcome.INSERTED);
    assertThat(s.insertKeyPair(SCOPE, keyPair("kp-5", "five"), 0)).isEqualTo(InsertOutcome.QUOTA_EXCEEDED);
    assertThat(s.countKeyPairs(SCOPE)).isEqualTo(4);
    assertThat(nameKeys(s.keyPairs(SCOPE, null, 10))).containsExactly("four", "one", "three", "two");
    assertThat(s.keyPairById(SCOPE, "kp-1").orElseThrow().nameKey()).isEqualTo("one");
    assertThat(s.keyPairById(SCOPE, "kp-5")).isEmpty();
    assertThat(s.keyPairByNameKey(SCOPE, "five")).isEmpty();
  }

  @Test
  public void spiInsertOutcomesComeInTheDocumentedOrder() {
    KeyPairStore s = store();
    s.insertKeyPair(SCOPE, keyPair("kp-1", "one", "f", "pk-1"), 2);
    s.insertKeyPair(SCOPE, keyPair("kp-2", "two", "f", "pk-2"), 2);
    // the scope is full: every conflict outranks the quota, the id outranks the name, the name the public key
    assertThat(s.insertKeyPair(SCOPE, keyPair("kp-1", "two", "f", "pk-2"), 2)).isEqualTo(InsertOutcome.ID_TAKEN);
    assertThat(s.insertKeyPair(SCOPE, keyPair("kp-1", "new", "f", "pk-new"), 2)).isEqualTo(InsertOutcome.ID_TAKEN);
    assertThat(s.insertKeyPair(SCOPE, keyPair("kp-3", "one", "f", "pk-2"), 2)).isEqualTo(InsertOutcome.NAME_TAKEN);
    assertThat(s.insertKeyPair(SCOPE, keyPair("kp-3", "one", "f", "pk-new"), 2)).isEqualTo(InsertOutcome.NAME_TAKEN);
    assertThat(s.insertKeyPair(SCOPE, keyPair("kp-3", "new", "f", "pk-1"), 2))
        .isEqualTo(InsertOutcome.PUBLIC_KEY_TAKEN);
    assertThat(s.insertKeyPair(SCOPE, keyPair("kp-3", "new", "f", "pk-new"), 2))
        .isEqualTo(InsertOutcome.QUOTA_EXCEEDED);
    assertThat(s.countKeyPairs(SCOPE)).isEqualTo(2);
    assertThat(ids(s.keyPairsByFingerprintKey(SCOPE, "f"))).containsExactly("kp-1", "kp-2");
  }

  // ------------------------------------------------------------------------------- SPI: reads, order

  /** Name keys in String.compareTo order: ASCII, Latin-1, CJK, a supplementary character, then U+FF5A. */
  private static final List<String> ORDERED_NAME_KEYS = List.of("A", "B", "Z", "a", "a b", "a-", "ab", "b", "é",
      "éa", "ř", "中", "中文", "\uD83D\uDE00", "\uD83D\uDE00x", "\uFF5A");

  @Test
  public void spiListsByNameKeyInUtf16CodeUnitOrder() {
    List<String> sorted = new ArrayList<>(ORDERED_NAME_KEYS);
    Collections.sort(sorted);
    assertThat(sorted).as("the fixture itself is in String.compareTo order").isEqualTo(ORDERED_NAME_KEYS);
    KeyPairStore s = store();
    List<String> shuffled = new ArrayList<>(ORDERED_NAME_KEYS);
    Collections.shuffle(shuffled, new Random(7));
    for (String n : shuffled) {
      assertThat(s.insertKeyPair(SCOPE, keyPair("id-" + ORDERED_NAME_KEYS.indexOf(n), n), 100))
          .isEqualTo(InsertOutcome.INSERTED);
    }
    bothViews(s, view -> {
      assertThat(nameKeys(view.keyPairs(SCOPE, null, 100))).containsExactlyElementsOf(ORDERED_NAME_KEYS);
      // pages of 3, each after the last name key of the one before
      List<String> paged = new ArrayList<>();
      String after = null;
      for (int guard = 0; guard < 100; guard++) {
        List<StoredKeyPair> page = view.keyPairs(SCOPE, after, 3);
        assertThat(page.size()).isLessThanOrEqualTo(3);
        page.forEach(k -> paged.add(k.nameKey()));
        if (page.size() < 3) {
          break;
        }
        after = page.get(page.size() - 1).nameKey();
      }
      assertThat(paged).containsExactlyElementsOf(ORDERED_NAME_KEYS);
      // after a name key that is not stored: from the next one up
      assertThat(nameKeys(view.keyPairs(SCOPE, "aa", 2))).containsExactly("ab", "b");
      assertThat(nameKeys(view.keyPairs(SCOPE, "\uD83D", 1))).containsExactly("\uD83D\uDE00");
      assertThat(nameKeys(view.keyPairs(SCOPE, "\uD83D\uDE00x", 5))).containsExactly("\uFF5A");
      assertThat(view.keyPairs(SCOPE, "\uFF5A", 5)).isEmpty();
      assertThat(view.keyPairs(SCOPE, null, 0)).isEmpty();
      assertThat(nameKeys(view.keyPairs(SCOPE, "", 1))).containsExactly("A");
    });
  }

  @Test
  public void spiFindsByFingerprintKeyOrderedByNameKey() {
    KeyPairStore s = store();
    s.insertKeyPair(SCOPE, keyPair("kp-1", "zeta", "same", null), 10);
    s.insertKeyPair(SCOPE, keyPair("kp-2", "alpha", "same", null), 10);
    s.insertKeyPair(SCOPE, keyPair("kp-3", "mid", "other", null), 10);
    assertThat(ids(s.keyPairsByFingerprintKey(SCOPE, "same"))).containsExactly("kp-2", "kp-1");
    assertThat(ids(s.keyPairsByFingerprintKey(SCOPE, "other"))).containsExactly("kp-3");
    assertThat(s.keyPairsByFingerprintKey(SCOPE, "SAME")).as("compared byte for byte").isEmpty();
    assertThat(s.keyPairsByFingerprintKey(SCOPE, "none")).isEmpty();
    assertThat(s.deleteKeyPair(SCOPE, "kp-2", false)).isEqualTo(DeleteOutcome.DELETED);
    assertThat(ids(reopened(s).keyPairsByFingerprintKey(SCOPE, "same"))).containsExactly("kp-1");
  }

  // ------------------------------------------------------------------------------------- SPI: delete

  @Test
  public void spiDeleteRemovesEverythingAndFreesNameAndPublicKey() {
    KeyPairStore s = store();
    s.insertKeyPair(SCOPE, keyPair("kp-1", "one", "f", "pk-1"), 1);
    assertThat(s.deleteKeyPair(SCOPE, "kp-1", true)).isEqualTo(DeleteOutcome.DELETED);
    assertThat(s.deleteKeyPair(SCOPE, "kp-1", true)).isEqualTo(DeleteOutcome.ABSENT);
    assertThat(s.deleteKeyPair(SCOPE, "kp-1", false)).isEqualTo(DeleteOutcome.ABSENT);
    assertThat(s.deleteKeyPair(SCOPE, "never", false)).isEqualTo(DeleteOutcome.ABSENT);
    s = reopened(s);
    assertThat(s.countKeyPairs(SCOPE)).isZero();
    assertThat(s.keyPairById(SCOPE, "kp-1")).isEmpty();
    assertThat(s.keyPairByNameKey(SCOPE, "one")).isEmpty();
    assertThat(s.keyPairsByFingerprintKey(SCOPE, "f")).isEmpty();
    assertThat(s.keyPairs(SCOPE, null, 10)).isEmpty();
    // name, public key and quota are free again; the id too
    assertThat(s.insertKeyPair(SCOPE, keyPair("kp-2", "one", "f", "pk-1"), 1)).isEqualTo(InsertOutcome.INSERTED);
    assertThat(s.deleteKeyPair(SCOPE, "kp-2", false)).isEqualTo(DeleteOutcome.DELETED);
    assertThat(s.insertKeyPair(SCOPE, keyPair("kp-1", "one", "f", "pk-1"), 1)).isEqualTo(InsertOutcome.INSERTED);
  }

  @Test
  public void spiDeleteRefusesABoundKeyPairOnlyWhenAsked() {
    KeyPairStore s = store();
    s.insertKeyPair(SCOPE, keyPair("kp-1", "one"), 10);
    s.insertKeyPair(SCOPE, keyPair("kp-2", "two"), 10);
    assertThat(s.insertInstance(SCOPE, instance("i-1", "kp-1", 0))).isTrue();
    assertThat(s.insertInstance(SCOPE, instance("i-2", null, 0))).isTrue();
    assertThat(s.deleteKeyPair(SCOPE, "kp-1", true)).isEqualTo(DeleteOutcome.BOUND);
    s = reopened(s);
    assertThat(s.keyPairById(SCOPE, "kp-1")).isPresent();
    assertThat(s.countKeyPairs(SCOPE)).isEqualTo(2);
    assertThat(s.deleteKeyPair(SCOPE, "kp-2", true)).as("bound to nothing").isEqualTo(DeleteOutcome.DELETED);
    assertThat(s.deleteKeyPair(SCOPE, "kp-1", false)).isEqualTo(DeleteOutcome.DELETED);
    assertThat(s.countKeyPairs(SCOPE)).isZero();
    assertThat(s.instance(SCOPE, "i-1").orElseThrow().keyPairId())
        .as("the store leaves instances as they are; the registry decides").isEqualTo("kp-1");
    // once detached, refuseIfBound no longer refuses
    s.insertKeyPair(SCOPE, keyPair("kp-3", "three"), 10);
    assertThat(s.replaceInstance(SCOPE, 0, instance("i-1", "kp-3", 1), "kp-3")).isTrue();
    assertThat(s.deleteKeyPair(SCOPE, "kp-3", true)).isEqualTo(DeleteOutcome.BOUND);
    assertThat(s.replaceInstance(SCOPE, 1, instance("i-1", null, 2), null)).isTrue();
    assertThat(s.deleteKeyPair(SCOPE, "kp-3", true)).isEqualTo(DeleteOutcome.DELETED);
  }

  // --------------------------------------------------------------------------------------- SPI: tags

  @Test
  public void spiReplaceTagsReplacesTheWholeMap() {
    KeyPairStore s = store();
    StoredKeyPair k = keyPair("kp-1", "one", "f", "pk");
    s.insertKeyPair(SCOPE, k.withTags(Map.of("a", "1", "b", "2")), 10);
    // a compare-and-set: stale expected tags change nothing
    assertThat(s.replaceTags(SCOPE, "kp-1", Map.of("a", "1"), Map.of("c", "3"))).isFalse();
    assertThat(s.replaceTags(SCOPE, "kp-1", Map.of(), Map.of("c", "3"))).isFalse();
    assertThat(s.keyPairById(SCOPE, "kp-1").orElseThrow().tags()).isEqualTo(Map.of("a", "1", "b", "2"));
    assertThat(s.replaceTags(SCOPE, "kp-1", Map.of("b", "2", "a", "1"), Map.of("c", "3", "b", "two"))).isTrue();
    StoredKeyPair expected = k.withTags(Map.of("b", "two", "c", "3"));
    s = bothViews(s, view -> {
      assertThat(view.keyPairById(SCOPE, "kp-1")).contains(expected);
      assertThat(view.keyPairByNameKey(SCOPE, "one")).contains(expected);
      assertThat(view.keyPairs(SCOPE, null, 5)).containsExactly(expected);
      assertThat(view.keyPairsByFingerprintKey(SCOPE, "f")).containsExactly(expected);
    });
    assertThat(s.replaceTags(SCOPE, "kp-1", Map.of("b", "two", "c", "3"), Map.of())).isTrue();
    assertThat(s.keyPairById(SCOPE, "kp-1").orElseThrow().tags()).isEmpty();
    assertThat(s.replaceTags(SCOPE, "kp-9", Map.of(), Map.of("a", "1"))).isFalse();
    assertThat(s.keyPairById(SCOPE, "kp-9")).isEmpty();
    assertThat(s.countKeyPairs(SCOPE)).isEqualTo(1);
  }

  // ---------------------------------------------------------------------------------- SPI: instances

  @Test
  public void spiInstancesAreUniqueAndOrderedById() {
    KeyPairStore s = store();
    for (String id : List.of("i-b", "i-a", "i-10", "i-2")) {
      assertThat(s.insertInstance(SCOPE, instance(id, null, 0))).isTrue();
    }
    assertThat(s.insertInstance(SCOPE, instance("i-a", null, 5))).isFalse();
    s = reopened(s);
    assertThat(s.instances(SCOPE).stream().map(StoredInstance::id)).containsExactly("i-10", "i-2", "i-a", "i-b");
    assertThat(s.instance(SCOPE, "i-a")).contains(instance("i-a", null, 0));
    assertThat(s.instance(SCOPE, "i-c")).isEmpty();
    StoredInstance full = new StoredInstance("i-full", "windows", "stopped", "kp-1", "Näme", "ssh-ed25519 AAAA n",
        "ssh-ed25519 BBBB m", true, 7);
    assertThat(s.insertInstance(SCOPE, full)).isTrue();
    assertThat(reopened(s).instance(SCOPE, "i-full")).contains(full);
  }

  @Test
  public void spiReplaceInstanceIsACompareAndSetOnTheVersion() {
    KeyPairStore s = store();
    s.insertKeyPair(SCOPE, keyPair("kp-1", "one"), 10);
    s.insertInstance(SCOPE, instance("i-1", null, 0));
    StoredInstance v1 = new StoredInstance("i-1", "linux", "running", "kp-1", "one", "ssh-ed25519 AAAA one", null,
        true, 1);
    assertThat(s.replaceInstance(SCOPE, 1, v1, "kp-1")).as("stale version").isFalse();
    assertThat(s.instance(SCOPE, "i-1")).contains(instance("i-1", null, 0));
    assertThat(s.replaceInstance(SCOPE, 0, v1, "kp-1")).isTrue();
    s = reopened(s);
    assertThat(s.instance(SCOPE, "i-1")).contains(v1);
    StoredInstance v2 = new StoredInstance("i-1", "linux", "stopped", "kp-1", "one", "ssh-ed25519 AAAA one",
        "ssh-ed25519 AAAA one", false, 2);
    assertThat(s.replaceInstance(SCOPE, 0, v2, null)).as("the version moved on").isFalse();
    assertThat(s.replaceInstance(SCOPE, 1, v2, null)).isTrue();
    assertThat(s.instance(SCOPE, "i-1")).contains(v2);
    // a version that jumps is stored as given
    StoredInstance v9 = new StoredInstance("i-1", "linux", "running", null, null, null, null, false, 9);
    assertThat(s.replaceInstance(SCOPE, 2, v9, null)).isTrue();
    assertThat(s.instance(SCOPE, "i-1").orElseThrow().version()).isEqualTo(9);
    assertThat(s.replaceInstance(SCOPE, 0, instance("i-404", null, 1), null)).as("no such instance").isFalse();
    assertThat(s.instance(SCOPE, "i-404")).isEmpty();
  }

  @Test
  public void spiReplaceInstanceRequiresTheKeyPairToExist() {
    KeyPairStore s = store();
    s.insertKeyPair(SCOPE, keyPair("kp-1", "one"), 10);
    s.insertInstance(SCOPE, instance("i-1", null, 0));
    assertThat(s.replaceInstance(SCOPE, 0, instance("i-1", "kp-2", 1), "kp-2")).isFalse();
    assertThat(s.instance(SCOPE, "i-1")).contains(instance("i-1", null, 0));
    s.deleteKeyPair(SCOPE, "kp-1", false);
    assertThat(s.replaceInstance(SCOPE, 0, instance("i-1", "kp-1", 1), "kp-1")).as("deleted meanwhile").isFalse();
    s = reopened(s);
    assertThat(s.instance(SCOPE, "i-1")).contains(instance("i-1", null, 0));
    s.insertKeyPair(SCOPE, keyPair("kp-1", "one"), 10);
    assertThat(s.replaceInstance(SCOPE, 0, instance("i-1", "kp-1", 1), "kp-1")).isTrue();
    assertThat(s.instance(SCOPE, "i-1")).contains(instance("i-1", "kp-1", 1));
    Scope other = new Scope("contract", "us-east-1");
    s.insertInstance(other, instance("i-1", null, 0));
    assertThat(s.replaceInstance(other, 0, instance("i-1", "kp-1", 1), "kp-1"))
        .as("the key pair is in another scope").isFalse();
  }

  // ---------------------------------------------------------------------------------- SPI: isolation

  @Test
  public void spiScopesNeverSeeEachOther() {
    KeyPairStore s = store();
    List<Scope> scopes = List.of(SCOPE, new Scope("contract", "us-east-1"), new Scope("other", "eu-west-1"),
        new Scope("other", "us-east-1"));
    for (int i = 0; i < scopes.size(); i++) {
      Scope sc = scopes.get(i);
      // the same id, name key, fingerprint key and public-key key in every scope, quota 2 each
      assertThat(s.insertKeyPair(sc, keyPair("kp-1", "one", "f", "pk"), 2)).isEqualTo(InsertOutcome.INSERTED);
      for (int j = 0; j < i; j++) {
        assertThat(s.insertKeyPair(sc, keyPair("kp-x" + j, "n" + j), 2 + i)).isEqualTo(InsertOutcome.INSERTED);
      }
      assertThat(s.insertInstance(sc, instance("i-1", "kp-1", 0))).isTrue();
    }
    s = reopened(s);
    for (int i = 0; i < scopes.size(); i++) {
      Scope sc = scopes.get(i);
      assertThat(s.countKeyPairs(sc)).isEqualTo(1 + i);
      assertThat(s.keyPairs(sc, null, 10)).hasSize(1 + i);
      assertThat(s.keyPairsByFingerprintKey(sc, "f")).hasSize(1);
      assertThat(s.instances(sc)).hasSize(1);
    }
    assertThat(s.countKeyPairs(new Scope("contract", "ap-south-1"))).isZero();
    assertThat(s.keyPairs(new Scope("contract", "ap-south-1"), null, 10)).isEmpty();
    assertThat(s.instances(new Scope("nobody", "eu-west-1"))).isEmpty();
    // a delete, a tag change and an instance change in one scope touch no other
    Scope us = scopes.get(1);
    assertThat(s.deleteKeyPair(us, "kp-x0", false)).isEqualTo(DeleteOutcome.DELETED);
    assertThat(s.replaceTags(us, "kp-1", s.keyPairById(us, "kp-1").orElseThrow().tags(), Map.of("t", "v"))).isTrue();
    assertThat(s.replaceInstance(us, 0, instance("i-1", null, 1), null)).isTrue();
    assertThat(s.deleteKeyPair(SCOPE, "kp-1", true)).isEqualTo(DeleteOutcome.BOUND);
    s = reopened(s);
    assertThat(s.countKeyPairs(us)).isEqualTo(1);
    assertThat(s.keyPairById(scopes.get(2), "kp-x0")).isPresent();
    assertThat(s.keyPairById(SCOPE, "kp-1").orElseThrow().tags()).isEmpty();
    assertThat(s.instance(SCOPE, "i-1").orElseThrow().version()).isZero();
    assertThat(s.deleteKeyPair(us, "kp-1", true)).as("unbound in this scope").isEqualTo(DeleteOutcome.DELETED);
    assertThat(s.keyPairById(SCOPE, "kp-1")).isPresent();
    assertThat(s.keyPairById(scopes.get(2), "kp-1")).isPresent();
    assertThat(s.keyPairById(scopes.get(3), "kp-1")).isPresent();
  }

  @Test
  public void registriesOfTwoRegionsAndTwoProvidersAreIsolated() {
    KeyPairStore s = store();
    KeyPairRegistry euAws = registry(s, ProviderProfiles.AWS_EC2, "eu-west-1");
    KeyPairRegistry usAws = registry(s, ProviderProfiles.AWS_EC2, "us-east-1");
    KeyPairRegistry euAli = registry(s, ProviderProfiles.ALIBABA_ECS, "eu-west-1");
    euAws.importKey("shared", ed25519(0), PublicKeyFormat.OPENSSH, Map.of());
    usAws.importKey("shared", ed25519(1), PublicKeyFormat.OPENSSH, Map.of());
    euAli.importKey("shared", ContractSupport.fixture("rsa2048"), PublicKeyFormat.OPENSSH, Map.of());
    assertThat(euAws.describe("shared").publicKey().sameKey(ed25519(0))).isTrue();
    assertThat(usAws.describe("shared").publicKey().sameKey(ed25519(1))).isTrue();
    assertThat(euAli.describe("shared").type()).isEqualTo("rsa");
    euAws.delete("shared");
    assertThat(euAws.find("shared")).isEmpty();
    assertThat(usAws.count()).isEqualTo(1);
    assertThat(euAli.count()).isEqualTo(1);
    assertThat(euAws.findByFingerprint(usAws.describe("shared").fingerprint())).isEmpty();
  }

  // ------------------------------------------------------------------------------- names (HOSTILE 34)

  /** Free-text names of up to 64 characters, no quota to speak of. */
  protected static final ProviderProfile FREE_TEXT = ProviderProfile.builder("contract-free-text")
      .naming(NamingRule.freeText(64)).quota(1000).build();

  @Test
  public void precomposedAndDecomposedNamesAreOneName() {
    String nfc = "caf\u00e9";
    String nfd = "cafe\u0301";
    for (ProviderProfile p : List.of(FREE_TEXT, ProviderProfiles.ALIBABA_ECS)) {
      KeyPairRegistry r = registry(store(), p, "eu-west-1");
      SshPublicKey key = p == FREE_TEXT ? ed25519(0) : ContractSupport.fixture("rsa2048");
      r.importKey(nfc, key, PublicKeyFormat.OPENSSH, Map.of());
      ContractSupport.assertRefused(p.codes().duplicateName(),
          () -> r.importKey(nfd, key, PublicKeyFormat.OPENSSH, Map.of()));
      assertThat(r.describe(nfd).name()).as("kept as given, found by either spelling").isEqualTo(nfc);
      assertThat(r.count()).isEqualTo(1);
      assertThat(r.delete(nfd)).containsExactly(nfc);
      r.importKey(nfd, key, PublicKeyFormat.OPENSSH, Map.of());
      assertThat(r.describe(nfc).name()).isEqualTo(nfd);
      ContractSupport.assertRefused(p.codes().duplicateName(),
          () -> r.importKey(nfc, key, PublicKeyFormat.OPENSSH, Map.of()));
    }
  }

  @Test
  public void caseDecidesOnlyWhereTheProfileIsCaseSensitive() {
    ProviderProfile insensitive = ProviderProfiles.AWS_EC2.toBuilder().naming(NamingRule.awsEc2(false)).build();
    KeyPairRegistry ci = registry(store(), insensitive, "eu-west-1");
    ci.importKey("Key", ed25519(0), PublicKeyFormat.OPENSSH, Map.of());
    ContractSupport.assertRefused(insensitive.codes().duplicateName(),
        () -> ci.importKey("key", ed25519(1), PublicKeyFormat.OPENSSH, Map.of()));
    ContractSupport.assertRefused(insensitive.codes().duplicateName(),
        () -> ci.importKey("KEY", ed25519(1), PublicKeyFormat.OPENSSH, Map.of()));
    assertThat(ci.describe("kEY").name()).isEqualTo("Key");
    assertThat(ci.count()).isEqualTo(1);

    KeyPairRegistry cs = registry(store(), ProviderProfiles.AWS_EC2, "eu-west-1");
    cs.importKey("Key", ed25519(0), PublicKeyFormat.OPENSSH, Map.of());
    cs.importKey("key", ed25519(1), PublicKeyFormat.OPENSSH, Map.of());
    cs.importKey("KEY", ed25519(2), PublicKeyFormat.OPENSSH, Map.of());
    assertThat(cs.listAll(KeyPairQuery.all()).stream().map(k -> k.name())).containsExactly("KEY", "Key", "key");
    assertThat(cs.find("kEY")).isEmpty();
    assertThat(cs.describe("key").publicKey().sameKey(ed25519(1))).isTrue();
  }

  // --------------------------------------------------------------------------- races (HOSTILE 33, 34)

  /** Runs {@code task(i)} for i below {@code threads} on threads released at once; the codes thrown (null: ok). */
  private List<ErrorCode> race(int threads, IntFunction<Runnable> task) throws Exception {
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<ErrorCode>> futures = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Runnable r = task.apply(i);
      Callable<ErrorCode> c = () -> {
        ready.countDown();
        go.await();
        return ContractSupport.outcome(r);
      };
      futures.add(pool.submit(c));
    }
    ready.await(30, TimeUnit.SECONDS);
    go.countDown();
    List<ErrorCode> out = new ArrayList<>();
    for (Future<ErrorCode> f : futures) {
      out.add(f.get(60, TimeUnit.SECONDS));
    }
    return out;
  }

  private static long count(List<ErrorCode> outcomes, ErrorCode code) {
    return outcomes.stream().filter(c -> java.util.Objects.equals(c, code)).count();
  }

  private static final int QUOTA = 5;

  private static final ProviderProfile AWS_QUOTA_5 = ProviderProfiles.AWS_EC2.toBuilder().quota(QUOTA).build();

  /** HOSTILE 33: quota 5, 64 threads with unique names at once: exactly 5 created, 59 refused with the quota code. */
  @Test
  public void hostile33SixtyFourThreadsWithUniqueNamesGetExactlyTheQuota() throws Exception {
    ErrorCode quota = AWS_QUOTA_5.codes().quotaExceeded();
    for (int rep = 0; rep < raceRepetitions(); rep++) {
      KeyPairRegistry r = registry(store(), AWS_QUOTA_5, "eu-west-1");
      List<ErrorCode> outcomes = race(THREADS, i -> () -> r.importKey("key-" + i, ed25519(0), PublicKeyFormat.OPENSSH,
          Map.of()));
      assertThat(count(outcomes, null)).as("successes in repetition " + rep).isEqualTo(QUOTA);
      assertThat(count(outcomes, quota)).as("refusals in repetition " + rep).isEqualTo(THREADS - QUOTA);
      assertThat(r.count()).isEqualTo(QUOTA);
      assertThat(r.listAll(KeyPairQuery.all())).hasSize(QUOTA);
      closeOpened();
    }
  }

  @Test
  public void sixteenThreadsTaggingOneKeyPairLoseNoTag() throws Exception {
    int threads = 16; // within every profile's tag limit
    KeyPairRegistry r = registry(store(), ProviderProfiles.AWS_EC2, "eu-west-1");
    r.importKey("tagged", ed25519(0), PublicKeyFormat.OPENSSH, Map.of());
    List<ErrorCode> outcomes = race(threads, i -> () -> r.tag("tagged", Map.of("t" + i, "v" + i)));
    assertThat(count(outcomes, null)).isEqualTo(threads);
    assertThat(r.describe("tagged").tags()).hasSize(threads).containsEntry("t0", "v0").containsEntry("t15", "v15");
    outcomes = race(threads, i -> () -> r.untag("tagged", List.of("t" + i)));
    assertThat(count(outcomes, null)).isEqualTo(threads);
    assertThat(r.describe("tagged").tags()).isEmpty();
  }

  /** HOSTILE 34: 64 threads creating one name at once: exactly 1 created, 63 refused with the duplicate code. */
  @Test
  public void hostile34SixtyFourThreadsCreatingOneNameGetOneSuccess() throws Exception {
    ErrorCode duplicate = ProviderProfiles.AWS_EC2.codes().duplicateName();
    for (int rep = 0; rep < raceRepetitions(); rep++) {
      KeyPairRegistry r = registry(store(), ProviderProfiles.AWS_EC2, "eu-west-1");
      List<ErrorCode> outcomes = race(THREADS, i -> () -> r.importKey("same", ed25519(i % 4), PublicKeyFormat.OPENSSH,
          Map.of()));
      assertThat(count(outcomes, null)).as("successes in repetition " + rep).isEqualTo(1);
      assertThat(count(outcomes, duplicate)).isEqualTo(THREADS - 1);
      assertThat(r.count()).isEqualTo(1);
      closeOpened();
    }
  }

  /** HOSTILE 34, names policy: one case-insensitive name in six spellings (case, NFC/NFD) is one name. */
  @Test
  public void hostile34SixtyFourThreadsCreatingOneNameInEverySpellingGetOneSuccess() throws Exception {
    ProviderProfile insensitive = FREE_TEXT.toBuilder().naming(NamingRule.builder().length(1, 64)
        .caseSensitive(false).build()).build();
    List<String> spellings = List.of("Caf\u00e9", "cafe\u0301", "CAF\u00c9", "CAFE\u0301", "caf\u00e9", "Cafe\u0301");
    int reps = Math.max(1, raceRepetitions() / 4);
    for (int rep = 0; rep < reps; rep++) {
      KeyPairRegistry r = registry(store(), insensitive, "eu-west-1");
      List<ErrorCode> outcomes = race(THREADS, i -> () -> r.importKey(spellings.get(i % spellings.size()), ed25519(i % 4),
          PublicKeyFormat.OPENSSH, Map.of()));
      assertThat(count(outcomes, null)).isEqualTo(1);
      assertThat(count(outcomes, insensitive.codes().duplicateName())).isEqualTo(THREADS - 1);
      assertThat(r.count()).isEqualTo(1);
      closeOpened();
    }
  }

  /**
   * HOSTILE 33, mixed: 60 threads create and delete nine names under quota 5 while 4 threads sample count and
   * list: no sample ever shows more than the quota or a name twice.
   */
  @Test
  public void hostile33CountAndListNeverExceedTheQuotaWhileKeysComeAndGo() throws Exception {
    int reps = Math.max(1, raceRepetitions() / 5);
    int samplers = 4;
    int writers = THREADS - samplers;
    int opsPerWriter = 8;
    for (int rep = 0; rep < reps; rep++) {
      KeyPairRegistry r = registry(store(), AWS_QUOTA_5, "eu-west-1");
      AtomicBoolean done = new AtomicBoolean();
      AtomicInteger samples = new AtomicInteger();
      AtomicInteger created = new AtomicInteger();
      ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
      CountDownLatch go = new CountDownLatch(1);
      CountDownLatch finished = new CountDownLatch(writers);
      List<Future<?>> sampling = new ArrayList<>();
      for (int s = 0; s < samplers; s++) {
        sampling.add(pool.submit(() -> {
          try {
            go.await();
            while (!done.get() || samples.get() < samplers) {
              int n = r.count();
              List<String> listed = r.list(KeyPairQuery.all()).items().stream().map(k -> k.name()).toList();
              if (n > QUOTA || listed.size() > QUOTA || listed.stream().distinct().count() != listed.size()) {
                violations.add("count " + n + ", listed " + listed);
              }
              samples.incrementAndGet();
            }
          } catch (Throwable t) {
            errors.add(t);
          }
          return null;
        }));
      }
      for (int w = 0; w < writers; w++) {
        int seed = rep * 100 + w;
        pool.submit(() -> {
          Random random = new Random(seed);
          try {
            go.await();
            for (int op = 0; op < opsPerWriter; op++) {
              String name = "k" + random.nextInt(9);
              boolean create = random.nextBoolean();
              ErrorCode c = create
                  ? ContractSupport.outcome(() -> r.importKey(name, ed25519(0), PublicKeyFormat.OPENSSH, Map.of()))
                  : ContractSupport.outcome(() -> r.delete(name));
              if (create && c == null) {
                created.incrementAndGet();
              }
              if (c != null && !c.equals(AWS_QUOTA_5.codes().quotaExceeded())
                  && !c.equals(AWS_QUOTA_5.codes().duplicateName())) {
                errors.add(new AssertionError("unexpected refusal " + c));
              }
            }
          } catch (Throwable t) {
            errors.add(t);
          } finally {
            finished.countDown();
          }
        });
      }
      go.countDown();
      assertThat(finished.await(120, TimeUnit.SECONDS)).isTrue();
      done.set(true);
      for (Future<?> f : sampling) {
        f.get(60, TimeUnit.SECONDS);
      }
      assertThat(errors).isEmpty();
      assertThat(violations).isEmpty();
      assertThat(samples.get()).isGreaterThanOrEqualTo(samplers);
      assertThat(created.get()).as("keys came and went").isGreaterThan(QUOTA);
      assertThat(r.count()).isLessThanOrEqualTo(QUOTA).isEqualTo(r.listAll(KeyPairQuery.all()).size());
      closeOpened();
    }
  }

  // ------------------------------------------------------------------------ the model test (HOSTILE 38)

  /** Random operation sequences on an AWS-like registry (quota 3, idempotent delete, binding at once). */
  @Property(tries = 20)
  public void awsLikeRegistryMatchesItsModel(@ForAll("awsChains") ActionChain<RegistryMachine> chain) {
    runChain(chain);
  }

  /** As {@link #awsLikeRegistryMatchesItsModel} on an Alibaba-like one (restart, Linux only, refusing deletes). */
  @Property(tries = 20)
  public void alibabaLikeRegistryMatchesItsModel(@ForAll("alibabaChains") ActionChain<RegistryMachine> chain) {
    runChain(chain);
  }

  private void runChain(ActionChain<RegistryMachine> chain) {
    try {
      chain.withInvariant("registry equals model", RegistryMachine::check).run();
    } finally {
      closeOpened();
    }
  }

  @Provide
  Arbitrary<ActionChain<RegistryMachine>> awsChains() {
    return RegistryMachine.chains(this::store, this::reopened, RegistryMachine.AWS_LIKE);
  }

  @Provide
  Arbitrary<ActionChain<RegistryMachine>> alibabaChains() {
    return RegistryMachine.chains(this::store, this::reopened, RegistryMachine.ALIBABA_LIKE);
  }
}
