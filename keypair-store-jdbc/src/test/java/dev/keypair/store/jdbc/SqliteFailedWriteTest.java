package dev.keypair.store.jdbc;

import static dev.keypair.store.jdbc.Fixtures.SCOPE;
import static dev.keypair.store.jdbc.Fixtures.instance;
import static dev.keypair.store.jdbc.Fixtures.keyPair;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import dev.keypair.store.spi.StoreErrors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * HOSTILE 38: a write that fails fails with {@code Store.Unavailable}, acknowledges nothing and changes nothing,
 * and the store works again once the fault is gone: a write lock held by another connection past the busy timeout,
 * a full disk (SQLite's page limit, its {@code SQLITE_FULL} path), an I/O error (the file size limit of the
 * process, {@code EFBIG} on the write-ahead log), and a statement failing midway. (A read-only file does not stop
 * root, who runs CI, and neither does a removed or renamed file: in WAL mode SQLite writes on through the open
 * files.)
 */
class SqliteFailedWriteTest {

  @TempDir
  Path dir;

  @Test
  void hostile38AWriteBlockedByAnotherWriterFailsUnavailableAndChangesNothing() throws Exception {
    Path file = dir.resolve("registry.db");
    try (JdbcKeyPairStore store = JdbcKeyPairStore.openSqlite(file, Duration.ofMillis(150))) {
      store.insertKeyPair(SCOPE, keyPair("k1", "a", "f"), 5);
      store.insertInstance(SCOPE, instance("i-1", null, 1));
      var before = List.of(store.keyPairs(SCOPE, null, 10), store.instances(SCOPE));

      try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
          Statement s = other.createStatement()) {
        s.execute("BEGIN IMMEDIATE");
        s.execute("INSERT INTO key_pairs SELECT provider, region, 'k9', 'z', x'007A', type, bits, fingerprint,"
            + " fingerprint_key, origin, created, tags, public_key, NULL, row_check FROM key_pairs");
        List<Executable> writes = List.of(
            () -> store.insertKeyPair(SCOPE, keyPair("k2", "b", "f"), 5),
            () -> store.deleteKeyPair(SCOPE, "k1", false),
            () -> store.replaceTags(SCOPE, "k1", Map.of(), Map.of("t", "v")),
            () -> store.insertInstance(SCOPE, instance("i-2", null, 1)),
            () -> store.replaceInstance(SCOPE, 1, instance("i-1", "k1", 2), "k1"));
        for (Executable write : writes) {
          long start = System.nanoTime();
          assertThatThrownBy(write::execute).isInstanceOfSatisfying(KeyPairException.class, e -> {
            assertThat(e.code()).isEqualTo(StoreErrors.UNAVAILABLE);
            assertThat(e.getMessage()).contains("SQLITE_BUSY").doesNotContain("\n");
          });
          assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        }
        // readers are not blocked by a writer (WAL) and do not see its uncommitted row
        assertThat(List.of(store.keyPairs(SCOPE, null, 10), store.instances(SCOPE))).isEqualTo(before);
        s.execute("ROLLBACK");
      }
      assertThat(List.of(store.keyPairs(SCOPE, null, 10), store.instances(SCOPE))).isEqualTo(before);
      // and the store works again
      assertThat(store.replaceTags(SCOPE, "k1", Map.of(), Map.of("t", "v"))).isTrue();
      assertThat(store.insertKeyPair(SCOPE, keyPair("k2", "b", "f"), 5)).isEqualTo(
          dev.keypair.store.spi.KeyPairStore.InsertOutcome.INSERTED);
    }
    try (JdbcKeyPairStore store = JdbcKeyPairStore.openSqlite(file)) {
      assertThat(store.countKeyPairs(SCOPE)).isEqualTo(2);
      assertThat(store.keyPairById(SCOPE, "k1").orElseThrow().tags()).containsEntry("t", "v");
    }
  }

  @Test
  void hostile38AWriteThatFailsMidwayIsRolledBack() throws Exception {
    Path file = dir.resolve("registry.db");
    JdbcKeyPairStore.openSqlite(file).close();
    // a trigger that fails the statement after the checks passed: the transaction must leave nothing behind
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      s.execute("CREATE TRIGGER boom AFTER INSERT ON key_pairs WHEN NEW.id = 'boom'"
          + " BEGIN UPDATE key_pairs SET tags = '{}'; SELECT RAISE(ABORT, 'boom'); END");
    }
    try (JdbcKeyPairStore store = JdbcKeyPairStore.openSqlite(file)) {
      store.insertKeyPair(SCOPE, keyPair("k1", "a", "f", null, Map.of("keep", "me")), 5);
      assertThatThrownBy(() -> store.insertKeyPair(SCOPE, keyPair("boom", "b", "f"), 5))
          .isInstanceOf(KeyPairException.class);
      assertThat(store.keyPairs(SCOPE, null, 10)).containsExactly(keyPair("k1", "a", "f", null, Map.of("keep", "me")));
      assertThat(store.insertKeyPair(SCOPE, keyPair("k2", "b", "f"), 5)).isEqualTo(
          dev.keypair.store.spi.KeyPairStore.InsertOutcome.INSERTED);
    }
  }

  /** The SQLite dialect, keeping the store's connection so that a test can set its page limit. */
  private static final class PageLimit implements Dialect {
    private final Dialect sqlite;
    private Connection connection;

    PageLimit(Dialect sqlite) {
      this.sqlite = sqlite;
    }

    /** Lets the database grow to {@code pages} at most (SQLite keeps it at least at its current size). */
    void set(long pages) throws Exception {
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA max_page_count = " + pages);
      }
    }

    @Override
    public String name() {
      return sqlite.name();
    }

    @Override
    public List<String> createSchema() {
      return sqlite.createSchema();
    }

    @Override
    public String beginWrite() {
      return sqlite.beginWrite();
    }

    @Override
    public int readSchemaVersion(Connection c) throws SQLException {
      return sqlite.readSchemaVersion(c);
    }

    @Override
    public void writeSchemaVersion(Connection c, int version) throws SQLException {
      sqlite.writeSchemaVersion(c, version);
    }

    @Override
    public String checkIntegrity(Connection c) throws SQLException {
      return sqlite.checkIntegrity(c);
    }

    @Override
    public void configure(Connection c) throws SQLException {
      sqlite.configure(c);
      connection = c;
    }

    @Override
    public void beforeClose(Connection c) throws SQLException {
      sqlite.beforeClose(c);
    }

    @Override
    public ErrorCode classify(SQLException e) {
      return sqlite.classify(e);
    }

    @Override
    public String describe(SQLException e) {
      return sqlite.describe(e);
    }
  }

  @Test
  void hostile38AFullDiskFailsTheWriteWithNothingChangedAndTheStoreWorksOnceThereIsRoom() throws Exception {
    Path file = dir.resolve("registry.db");
    PageLimit[] limit = new PageLimit[1];
    Map<String, String> big = Map.of("big", "x".repeat(20_000)); // overflow pages: the file must grow
    try (JdbcKeyPairStore store = JdbcKeyPairStore.openSqlite(file, Duration.ofSeconds(2),
        d -> limit[0] = new PageLimit(d))) {
      store.insertKeyPair(SCOPE, keyPair("k1", "a", "f"), 5);
      store.insertInstance(SCOPE, instance("i-1", null, 1));
      var before = List.of(store.keyPairs(SCOPE, null, 10), store.instances(SCOPE));

      limit[0].set(1); // no room beyond the pages it has
      List<Executable> writes = List.of(
          () -> store.insertKeyPair(SCOPE, keyPair("k2", "b", "f", null, big), 5),
          () -> store.replaceTags(SCOPE, "k1", Map.of(), big));
      for (Executable write : writes) {
        assertThatThrownBy(write::execute).isInstanceOfSatisfying(KeyPairException.class, e -> {
          assertThat(e.code()).isEqualTo(StoreErrors.UNAVAILABLE);
          assertThat(e.getMessage()).contains("SQLITE_FULL").doesNotContain("\n");
        });
        assertThat(List.of(store.keyPairs(SCOPE, null, 10), store.instances(SCOPE))).isEqualTo(before);
      }

      limit[0].set(1 << 30); // room again
      assertThat(store.insertKeyPair(SCOPE, keyPair("k2", "b", "f", null, big), 5)).isEqualTo(
          dev.keypair.store.spi.KeyPairStore.InsertOutcome.INSERTED);
      assertThat(store.replaceTags(SCOPE, "k1", Map.of(), big)).isTrue();
    }
    try (JdbcKeyPairStore store = JdbcKeyPairStore.openSqlite(file)) {
      assertThat(store.keyPairs(SCOPE, null, 10)).containsExactly(keyPair("k1", "a", "f", null, big),
          keyPair("k2", "b", "f", null, big));
    }
  }

  @Test
  void hostile38AnIoErrorFailsEveryWriteWithNothingAcknowledgedAndTheStoreWorksOnceItIsGone() throws Exception {
    Path file = dir.resolve("registry.db");
    JdbcKeyPairStore.openSqlite(file).close();
    try (ChildJvm child = new ChildJvm(dir.resolve("serve.err"), "serve", file.toString())) {
      assertThat(call(child, "INSERT k1")).isEqualTo("OK INSERTED");
      assertThat(call(child, "INSERT k2")).isEqualTo("OK INSERTED");
      String before = call(child, "LIST");
      assertThat(before).isEqualTo("OK k1,k2");

      // the child may no longer grow any file: its next commit's append to the write-ahead log fails (EFBIG)
      prlimit(child, Files.size(Path.of(file + "-wal")) + ":");
      for (String write : List.of("INSERT k3", "DELETE k1", "TAG k2 v")) {
        assertThat(call(child, write)).as(write).startsWith("ERROR Store.Unavailable ").contains("SQLITE_IOERR");
        assertThat(call(child, "LIST")).isEqualTo(before);
      }

      prlimit(child, "unlimited:");
      assertThat(call(child, "INSERT k3")).isEqualTo("OK INSERTED");
      assertThat(call(child, "DELETE k1")).isEqualTo("OK DELETED");
      assertThat(call(child, "TAG k2 v")).isEqualTo("OK true");
      assertThat(call(child, "LIST")).isEqualTo("OK k2v,k3");
    }
    try (JdbcKeyPairStore store = JdbcKeyPairStore.openSqlite(file)) {
      assertThat(store.keyPairs(StoreChild.CHURN_SCOPE, null, 10)).extracting(k -> k.id()).containsExactly("k2",
          "k3");
    }
  }

  private String call(ChildJvm child, String line) throws Exception {
    child.send(line);
    String reply = child.nextLine(60);
    assertThat(reply).as(Files.readString(dir.resolve("serve.err"))).isNotNull();
    return reply;
  }

  /** Sets the child's file size limit ({@code prlimit}, util-linux): {@code SOFT:} in bytes, or {@code unlimited:}. */
  private static void prlimit(ChildJvm child, String fsize) throws Exception {
    Process p = new ProcessBuilder("prlimit", "--pid", "" + child.process.pid(), "--fsize=" + fsize)
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(output).isZero();
  }
}
