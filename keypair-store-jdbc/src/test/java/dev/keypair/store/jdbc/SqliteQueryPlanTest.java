package dev.keypair.store.jdbc;

import static dev.keypair.store.jdbc.Fixtures.SCOPE;
import static dev.keypair.store.jdbc.Fixtures.keyPair;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How SQLite runs the store's lookups: through an index, never a scan of the table (issue 8: O(log n) lookups). */
class SqliteQueryPlanTest {

  @TempDir
  Path dir;

  @Test
  void findByFingerprintSearchesTheFingerprintIndex() throws Exception {
    Path file = dir.resolve("registry.db");
    try (JdbcKeyPairStore store = JdbcKeyPairStore.openSqlite(file)) {
      for (int i = 0; i < 200; i++) {
        store.insertKeyPair(SCOPE, keyPair("key-" + i, "name-" + i, String.format("%032x", i)), 5000);
      }
      assertThat(store.keyPairsByFingerprintKey(SCOPE, String.format("%032x", 7))).hasSize(1);
    }
    List<String> plan = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        PreparedStatement ps = c.prepareStatement("EXPLAIN QUERY PLAN " + JdbcKeyPairStore.BY_FINGERPRINT_KEY)) {
      ps.setString(1, SCOPE.provider());
      ps.setString(2, SCOPE.region());
      ps.setString(3, String.format("%032x", 7));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          plan.add(rs.getString("detail"));
        }
      }
    }
    assertThat(plan).as("query plan").anySatisfy(step -> assertThat(step).startsWith(
        "SEARCH key_pairs USING INDEX key_pairs_by_fingerprint (provider=? AND region=? AND fingerprint_key=?)"));
    assertThat(plan).as("query plan").noneSatisfy(step -> assertThat(step).startsWith("SCAN"));
    assertThat(plan).as("no sort step: the index gives name order").noneSatisfy(step -> assertThat(step).contains("TEMP B-TREE"));
  }
}
