package dev.keypair.store.jdbc;

import static dev.keypair.store.jdbc.Fixtures.SCOPE;
import static dev.keypair.store.jdbc.Fixtures.instance;
import static dev.keypair.store.jdbc.Fixtures.keyPair;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypair.core.KeyPairException;
import dev.keypair.store.spi.StoreErrors;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write that cannot get the lock fails with {@code Store.Unavailable} after the busy timeout and changes nothing.
 * (A read-only file does not stop root, who runs CI; another connection holding the write lock stops everyone.)
 */
class SqliteFailedWriteTest {

  @TempDir
  Path dir;

  @Test
  void aWriteBlockedByAnotherWriterFailsUnavailableAndChangesNothing() throws Exception {
    Path file = dir.resolve("registry.db");
    try (JdbcKeyPairStore store = JdbcKeyPairStore.openSqlite(file, Duration.ofMillis(150))) {
      store.insertKeyPair(SCOPE, keyPair("k1", "a", "f"), 5);
      store.insertInstance(SCOPE, instance("i-1", null, 1));
      var before = List.of(store.keyPairs(SCOPE, null, 10), store.instances(SCOPE));

      try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
          Statement s = other.createStatement()) {
        s.execute("BEGIN IMMEDIATE");
        s.execute("INSERT INTO key_pairs SELECT provider, region, 'k9', 'z', x'007A', type, bits, fingerprint,"
            + " fingerprint_key, origin, created, tags, public_key, NULL FROM key_pairs");
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
  void aWriteThatFailsMidwayIsRolledBack() throws Exception {
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
}
