package dev.keypair.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.store.spi.StoredKeyPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HOSTILE 36: a child JVM inserts and deletes until it dies, killed with SIGKILL at a random point or halted at a
 * named point of the store ({@link CrashPoint}); every call it acknowledged (printed after the call returned) must
 * be in the store when it is opened again, whole, within the quota and unique, and nothing else but the one call
 * in flight; opening again (SQLite replays or drops the write-ahead log) stays quick.
 */
class SqliteCrashTest {

  private static final int QUOTA = 8;
  private static final int KILLS = 200;

  /** A hang-catcher for opening the store again after a crash (it takes milliseconds). */
  private static final Duration REOPEN_BOUND = Duration.ofSeconds(5);

  @TempDir
  Path dir;

  /** What the call in flight at the crash may have done. */
  private enum InFlight {
    /** Unknown: killed at a random point. */
    MAYBE,
    /** Halted before its commit: nothing. */
    UNDONE,
    /** Halted after its commit: all of it. */
    DONE
  }

  /** The acknowledged calls of one child, and its call in flight. */
  private static final class Log {
    final List<String> lines = new ArrayList<>();
    String inFlightInsert;
    String inFlightDelete;
    int acks;

    /** Applies the lines to {@code present}: acknowledged inserts in, acknowledged deletes out. */
    void apply(Set<String> present) {
      for (String line : lines) {
        String[] f = line.split(" ");
        if (f.length == 3 && f[0].equals("TRY")) {
          inFlightInsert = f[1].equals("INSERT") ? f[2] : null;
          inFlightDelete = f[1].equals("DELETE") ? f[2] : null;
        } else if (f.length == 4 && f[0].equals("ACK")) { // a line cut short by the kill counts as unacknowledged
          acks++;
          if (f[1].equals("INSERT") && f[3].equals("INSERTED")) {
            present.add(f[2]);
          } else if (f[1].equals("DELETE")) {
            assertThat(f[3]).isEqualTo("DELETED");
            present.remove(f[2]);
          }
          inFlightInsert = null;
          inFlightDelete = null;
        }
      }
    }
  }

  @Test
  void hostile36TwoHundredKillsAtRandomPointsLoseNoAcknowledgedWrite() throws Exception {
    Path file = dir.resolve("registry.db");
    Random random = new Random(7_2024);
    Set<String> present = new HashSet<>();
    int totalAcks = 0;
    Duration slowestReopen = Duration.ZERO;
    for (int kill = 0; kill < KILLS; kill++) {
      Path stderr = dir.resolve("churn.err");
      Log log = new Log();
      int killAfter = random.nextInt(16);
      try (ChildJvm child = new ChildJvm(stderr, "churn", file.toString(), "" + random.nextLong(), "" + QUOTA,
          "c" + kill)) {
        for (int acks = 0; acks < killAfter; ) {
          String line = child.nextLine(60);
          assertThat(line).as("child stderr: %s", Files.exists(stderr) ? Files.readString(stderr) : "").isNotNull();
          log.lines.add(line);
          if (line.startsWith("ACK ")) {
            acks++;
          }
        }
        LockSupport.parkNanos(random.nextInt(3_000_000)); // into the next call, or the one after
        log.lines.addAll(child.kill());
      }
      log.apply(present);
      totalAcks += log.acks;
      long start = System.nanoTime();
      present = reopenAndCheck(file, present, log, InFlight.MAYBE, "kill " + kill);
      Duration reopen = Duration.ofNanos(System.nanoTime() - start);
      slowestReopen = reopen.compareTo(slowestReopen) > 0 ? reopen : slowestReopen;
    }
    System.out.printf("SqliteCrashTest: %d kills, %d acknowledged calls checked, slowest reopen %d ms%n", KILLS,
        totalAcks, slowestReopen.toMillis());
    assertThat(totalAcks).isGreaterThan(KILLS);
    assertThat(slowestReopen).isLessThan(REOPEN_BOUND);
  }

  @Test
  void hostile36HaltsBeforeAndAfterTheCommitLoseNothingAndInventNothing() throws Exception {
    Path file = dir.resolve("registry.db");
    Random random = new Random(36);
    Set<String> present = new HashSet<>();
    int run = 0;
    for (String point : List.of("write-before-commit", "write-after-commit")) {
      for (int i = 0; i < 4; i++, run++) {
        int passage = 1 + random.nextInt(30);
        Log log = new Log();
        try (ChildJvm child = new ChildJvm(dir.resolve("halt.err"), List.of("-D" + CrashPoint.PROPERTY + "=" + point
            + "@" + passage), "churn", file.toString(), "" + random.nextLong(), "" + QUOTA, "h" + run)) {
          for (String line; (line = child.nextLine(60)) != null; ) {
            log.lines.add(line);
          }
          assertThat(child.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
          assertThat(child.process.exitValue()).as(point + " reached").isEqualTo(CrashPoint.HALT_STATUS);
        }
        log.apply(present);
        assertThat(log.acks).as(point + "@" + passage).isEqualTo(passage - 1);
        assertThat(log.inFlightInsert != null || log.inFlightDelete != null).isTrue();
        present = reopenAndCheck(file, present, log, point.endsWith("before-commit") ? InFlight.UNDONE
            : InFlight.DONE, point + "@" + passage);
      }
    }
  }

  /**
   * Opens the store, checks it against the acknowledged state {@code present} and the call in flight, and returns
   * what it holds.
   */
  private static Set<String> reopenAndCheck(Path file, Set<String> present, Log log, InFlight inFlight,
      String what) {
    try (JdbcKeyPairStore store = JdbcKeyPairStore.openSqlite(file)) {
      List<StoredKeyPair> rows = store.keyPairs(StoreChild.CHURN_SCOPE, null, Integer.MAX_VALUE);
      Set<String> ids = new HashSet<>();
      for (StoredKeyPair k : rows) {
        assertThat(k).isEqualTo(StoreChild.churnKeyPair(k.id())); // whole rows only
        assertThat(ids.add(k.id())).isTrue();
        assertThat(store.keyPairByNameKey(StoreChild.CHURN_SCOPE, k.nameKey())).contains(k);
      }
      assertThat(store.countKeyPairs(StoreChild.CHURN_SCOPE)).isEqualTo(rows.size()).isLessThanOrEqualTo(QUOTA);
      Set<String> required = new HashSet<>(present);
      Set<String> allowed = new HashSet<>(present);
      if (log.inFlightDelete != null && inFlight != InFlight.UNDONE) {
        required.remove(log.inFlightDelete);
        if (inFlight == InFlight.DONE) {
          allowed.remove(log.inFlightDelete);
        }
      }
      if (log.inFlightInsert != null && inFlight != InFlight.UNDONE) {
        allowed.add(log.inFlightInsert);
        if (inFlight == InFlight.DONE && present.size() < QUOTA) { // names are unique: only the quota can refuse
          required.add(log.inFlightInsert);
        }
      }
      assertThat(ids).as("%s, lines %s", what, log.lines).containsAll(required);
      assertThat(allowed).as("%s, lines %s", what, log.lines).containsAll(ids);
      return ids;
    }
  }

  @Test
  void hostile36AStoreHaltedBeforeItsLinkIsNotThereAndItsTemporaryFileIsRemovedOnceStale() throws Exception {
    Path file = dir.resolve("home").resolve("registry.db");
    halt("create-before-link", file);
    assertThat(file).doesNotExist();
    List<Path> leftovers = leftovers(file);
    assertThat(leftovers).isNotEmpty();

    // a recent one may be another process's creation in progress: left alone
    try (JdbcKeyPairStore store = JdbcKeyPairStore.openSqlite(file)) {
      assertThat(store.countKeyPairs(StoreChild.CHURN_SCOPE)).isZero();
      store.insertKeyPair(StoreChild.CHURN_SCOPE, StoreChild.churnKeyPair("kept"), QUOTA);
    }
    assertThat(leftovers(file)).containsExactlyInAnyOrderElementsOf(leftovers);

    FileTime old = FileTime.from(Instant.now().minus(SqliteDialect.LEFTOVER_AGE).minusSeconds(10));
    for (Path p : leftovers) {
      Files.setLastModifiedTime(p, old);
    }
    try (JdbcKeyPairStore store = JdbcKeyPairStore.openSqlite(file)) {
      assertThat(store.keyPairs(StoreChild.CHURN_SCOPE, null, 10)).containsExactly(StoreChild.churnKeyPair("kept"));
    }
    assertThat(leftovers(file)).isEmpty();
  }

  @Test
  void hostile36AStoreHaltedAfterItsLinkIsWholeAndItsTemporaryNameIsRemoved() throws Exception {
    Path file = dir.resolve("home").resolve("registry.db");
    halt("create-after-link", file);
    assertThat(leftovers(file)).hasSize(1);
    assertThat(Files.isSameFile(leftovers(file).get(0), file)).isTrue();
    try (JdbcKeyPairStore store = JdbcKeyPairStore.openSqlite(file)) {
      assertThat(leftovers(file)).isEmpty();
      assertThat(store.insertKeyPair(StoreChild.CHURN_SCOPE, StoreChild.churnKeyPair("one"), QUOTA))
          .isEqualTo(dev.keypair.store.spi.KeyPairStore.InsertOutcome.INSERTED);
    }
    try (JdbcKeyPairStore store = JdbcKeyPairStore.openSqlite(file)) {
      assertThat(store.keyPairs(StoreChild.CHURN_SCOPE, null, 10)).containsExactly(StoreChild.churnKeyPair("one"));
    }
  }

  /** A child that opens (so creates) the store at {@code file}, halted at {@code point}. */
  private void halt(String point, Path file) throws Exception {
    try (ChildJvm child = new ChildJvm(dir.resolve("create.err"), List.of("-D" + CrashPoint.PROPERTY + "=" + point),
        "open", file.toString())) {
      assertThat(child.nextLine(60)).as(Files.readString(dir.resolve("create.err"))).isNull();
      assertThat(child.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(child.process.exitValue()).isEqualTo(CrashPoint.HALT_STATUS);
    }
  }

  /** The files a creation of {@code file} left next to it. */
  private static List<Path> leftovers(Path file) throws Exception {
    try (Stream<Path> files = Files.list(file.getParent())) {
      return files.filter(p -> p.getFileName().toString().startsWith(file.getFileName() + ".new-")).sorted().toList();
    }
  }
}
