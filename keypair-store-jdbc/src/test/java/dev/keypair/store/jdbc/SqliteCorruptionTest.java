package dev.keypair.store.jdbc;

import static dev.keypair.store.jdbc.Fixtures.SCOPE;
import static dev.keypair.store.jdbc.Fixtures.instance;
import static dev.keypair.store.jdbc.Fixtures.keyPair;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.keypair.core.KeyPairException;
import dev.keypair.store.spi.StoreErrors;
import dev.keypair.store.spi.StoredInstance;
import dev.keypair.store.spi.StoredKeyPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HOSTILE 37: damaged copies of a cleanly closed store, full to its quota (the main file alone: closing checkpoints
 * the write-ahead log into it and removes it). Opening and reading everything through every lookup gives exactly
 * the committed state or fails with {@code Store.Corrupt} (or {@code Store.Unavailable}); never another exception,
 * never a hang, never more than the quota, never a name twice. (SQLite keeps no checksum of its pages: without the
 * store's row checks about one flip in ten read as a row with one altered value.)
 */
class SqliteCorruptionTest {

  private static final int QUOTA = 30;
  private static final int PAGE = 4096;

  @TempDir
  Path dir;

  private byte[] original;
  private List<Object> committed;
  private final Map<String, Integer> outcomes = new TreeMap<>();

  @BeforeEach
  void populate() throws Exception {
    Path file = dir.resolve("original.db");
    try (JdbcKeyPairStore store = JdbcKeyPairStore.openSqlite(file)) {
      for (int i = 0; i < QUOTA; i++) { // full to the quota
        store.insertKeyPair(SCOPE, keyPair("key-" + i, "name-" + i, "fp-" + (i % 7), "pk-" + i,
            Map.of("team", "t" + i, "odd", "\u0000\"\\\uD83D\uDE00".repeat(i))), QUOTA);
      }
      for (int i = 0; i < 5; i++) {
        store.insertInstance(SCOPE, instance("i-" + i, "key-" + i, i));
      }
    }
    assertThat(dir.resolve("original.db-wal")).doesNotExist();
    try (JdbcKeyPairStore store = JdbcKeyPairStore.openSqlite(file)) {
      committed = readEverything("the original", store);
    }
    original = Files.readAllBytes(file);
    assertThat(original.length).isGreaterThan(3 * PAGE);
  }

  /** Every page boundary, 100 random lengths, and the two ends of the header. */
  @Test
  void hostile37TruncatedFilesAreCorruptOrTheCommittedState() throws Exception {
    Set<Integer> offsets = new TreeSet<>();
    for (int at = 0; at < original.length; at += PAGE) {
      offsets.add(at);
    }
    Random random = new Random(99);
    for (int i = 0; i < 100; i++) {
      offsets.add(random.nextInt(original.length));
    }
    offsets.add(original.length - 1);
    offsets.add(100);
    for (int at : offsets) {
      byte[] copy = Arrays.copyOf(original, at);
      check("truncated at " + at, copy, null, committed, false);
    }
    System.out.println("SqliteCorruptionTest truncations (" + offsets.size() + "): " + outcomes);
    assertThat(outcomes).containsKey("Store.Corrupt");
  }

  @Test
  void hostile37FlippedBytesAreCorruptOrTheCommittedState() throws Exception {
    Random random = new Random(4242);
    for (int i = 0; i < 1000; i++) {
      byte[] copy = original.clone();
      int at = random.nextInt(copy.length);
      copy[at] ^= (byte) (1 + random.nextInt(255));
      // a flip in the header's user_version (offset 60) reads as a newer schema
      check("flip at " + at, copy, null, committed, at >= 60 && at < 64);
    }
    System.out.println("SqliteCorruptionTest byte flips (1000): " + outcomes);
    assertThat(outcomes).containsKeys("Store.Corrupt", COMMITTED);
  }

  /**
   * A store closed by a crash: its write-ahead log holds 24 commits (deletes, inserts, tag changes) that the main
   * file does not. SQLite checksums every log frame, cumulatively, and replays the frames up to the first bad one:
   * a log cut or damaged inside the frames of commit N gives exactly the state after commit N-1.
   */
  @Test
  void hostile37DamagedWriteAheadLogsGiveTheLastIntactCommit() throws Exception {
    Path file = dir.resolve("original.db");
    Path wal = dir.resolve("original.db-wal");
    List<List<Object>> states = new ArrayList<>(List.of(committed));
    List<Long> ends = new ArrayList<>(List.of(0L)); // the log's length after each commit
    byte[] main;
    byte[] log;
    try (JdbcKeyPairStore store = JdbcKeyPairStore.openSqlite(file)) {
      for (int i = 0; i < 8; i++) {
        store.deleteKeyPair(SCOPE, "key-" + i, false);
        states.add(readEverything("commit", store));
        ends.add(Files.size(wal));
        store.insertKeyPair(SCOPE, keyPair("new-" + i, "new-" + i, "fp-new", "pk-new-" + i, Map.of()), QUOTA);
        states.add(readEverything("commit", store));
        ends.add(Files.size(wal));
        String id = "key-" + (10 + i);
        store.replaceTags(SCOPE, id, store.keyPairById(SCOPE, id).orElseThrow().tags(), Map.of("n", "" + i));
        states.add(readEverything("commit", store));
        ends.add(Files.size(wal));
      }
      main = Files.readAllBytes(file); // the log not yet moved into it
      log = Files.readAllBytes(wal);
    }
    assertThat(main).isEqualTo(original);
    assertThat(ends).doesNotHaveDuplicates().last().isEqualTo((long) log.length);

    Set<Integer> cuts = new TreeSet<>();
    for (int at = 0; at <= log.length; at += at == 0 ? WAL_HEADER : WAL_FRAME) {
      cuts.add(at);
    }
    Random random = new Random(37);
    for (int i = 0; i < 50; i++) {
      cuts.add(random.nextInt(log.length));
    }
    for (int at : cuts) {
      check("log cut at " + at, main, Arrays.copyOf(log, at), states.get(lastCommitBefore(ends, at)), false);
    }
    for (int i = 0; i < 300; i++) {
      byte[] copy = log.clone();
      int at = random.nextInt(copy.length);
      copy[at] ^= (byte) (1 + random.nextInt(255));
      check("log flip at " + at, main, copy, states.get(lastCommitBefore(ends, at)), false);
    }
    System.out.println("SqliteCorruptionTest log cuts and flips (" + (cuts.size() + 300) + "): " + outcomes);
    assertThat(outcomes).containsOnlyKeys(COMMITTED);
  }

  private static final int WAL_HEADER = 32;
  private static final int WAL_FRAME = 24 + PAGE;

  /** The last commit whose frames all lie before {@code offset} of the log. */
  private static int lastCommitBefore(List<Long> ends, long offset) {
    int n = 0;
    while (n + 1 < ends.size() && ends.get(n + 1) <= offset) {
      n++;
    }
    return n;
  }

  private static final String COMMITTED = "the committed state";

  /** Opens {@code content} (with {@code wal} as its write-ahead log, if not null) and reads everything. */
  private void check(String what, byte[] content, byte[] wal, List<Object> expected, boolean newerVersionPossible)
      throws Exception {
    Path file = dir.resolve("damaged.db");
    Files.write(file, content);
    if (wal != null) {
      Files.write(dir.resolve("damaged.db-wal"), wal);
    }
    String outcome = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      try (JdbcKeyPairStore store = JdbcKeyPairStore.openSqlite(file, Duration.ofSeconds(2))) {
        assertThat(readEverything(what, store)).as(what + " loaded another state").isEqualTo(expected);
        return COMMITTED;
      } catch (KeyPairException e) {
        assertThat(e.getMessage()).as(what).doesNotContain("\n");
        if (e.code().equals(StoreErrors.UNSUPPORTED_VERSION) && newerVersionPossible) {
          return e.code().toString();
        }
        assertThat(e.code()).as(what + ": " + e.getMessage()).isIn(StoreErrors.CORRUPT, StoreErrors.UNAVAILABLE);
        return e.code().toString();
      }
    }, what);
    outcomes.merge(outcome, 1, Integer::sum);
    for (String suffix : new String[] {"", "-wal", "-shm"}) {
      Files.deleteIfExists(dir.resolve("damaged.db" + suffix));
    }
  }

  /** Everything the store holds in scope, read through every lookup. */
  private static List<Object> readEverything(String what, JdbcKeyPairStore store) {
    List<StoredKeyPair> all = store.keyPairs(SCOPE, null, 1000);
    assertThat(all.size()).as(what).isLessThanOrEqualTo(QUOTA).isEqualTo(store.countKeyPairs(SCOPE));
    Set<String> names = new HashSet<>();
    Set<String> ids = new HashSet<>();
    for (StoredKeyPair k : all) {
      assertThat(names.add(k.nameKey())).as(what + ": duplicate name").isTrue();
      assertThat(ids.add(k.id())).as(what + ": duplicate id").isTrue();
      store.keyPairById(SCOPE, k.id());
      store.keyPairByNameKey(SCOPE, k.nameKey());
      store.keyPairsByFingerprintKey(SCOPE, k.fingerprintKey());
    }
    List<StoredInstance> instances = store.instances(SCOPE);
    for (StoredInstance i : instances) {
      store.instance(SCOPE, i.id());
    }
    return List.of(all, instances);
  }
}
