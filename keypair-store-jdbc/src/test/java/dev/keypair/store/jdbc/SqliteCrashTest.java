package dev.keypair.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.store.spi.StoredKeyPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM inserts and deletes until it is killed with SIGKILL at a random point; every call it acknowledged
 * (printed after the call returned) must be in the store when it is opened again, and nothing else but the one
 * call in flight.
 */
class SqliteCrashTest {

  private static final int QUOTA = 8;
  private static final int ITERATIONS = 12;

  @TempDir
  Path dir;

  @Test
  void everyAcknowledgedWriteSurvivesAKill() throws Exception {
    Path file = dir.resolve("registry.db");
    Random random = new Random(7_2024);
    Set<String> present = new HashSet<>();
    int totalAcks = 0;
    for (int iteration = 0; iteration < ITERATIONS; iteration++) {
      Path stderr = dir.resolve("churn-" + iteration + ".err");
      List<String> lines = new ArrayList<>();
      int killAfter = 1 + random.nextInt(60);
      try (ChildJvm child = new ChildJvm(stderr, "churn", file.toString(), "" + random.nextLong(), "" + QUOTA,
          "c" + iteration)) {
        for (int acks = 0; acks < killAfter; ) {
          String line = child.nextLine(60);
          assertThat(line).as("child stderr: %s", Files.exists(stderr) ? Files.readString(stderr) : "").isNotNull();
          lines.add(line);
          if (line.startsWith("ACK ")) {
            acks++;
          }
        }
        Thread.sleep(random.nextInt(4));
        lines.addAll(child.kill());
      }

      String inFlightInsert = null;
      String inFlightDelete = null;
      for (String line : lines) {
        String[] f = line.split(" ");
        if (f.length == 3 && f[0].equals("TRY")) {
          inFlightInsert = f[1].equals("INSERT") ? f[2] : null;
          inFlightDelete = f[1].equals("DELETE") ? f[2] : null;
        } else if (f.length == 4 && f[0].equals("ACK")) { // a line cut short by the kill counts as unacknowledged
          totalAcks++;
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
        if (inFlightDelete != null) {
          required.remove(inFlightDelete);
        }
        Set<String> allowed = new HashSet<>(present);
        if (inFlightInsert != null) {
          allowed.add(inFlightInsert);
        }
        assertThat(ids).as("iteration %d, lines %s", iteration, lines).containsAll(required);
        assertThat(allowed).as("iteration %d", iteration).containsAll(ids);
        present = ids;
      }
    }
    System.out.printf("SqliteCrashTest: %d kills, %d acknowledged calls checked%n", ITERATIONS, totalAcks);
    assertThat(totalAcks).isGreaterThan(ITERATIONS);
  }
}
