package dev.keypair.store.jdbc;

import static dev.keypair.store.jdbc.Fixtures.keyPair;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.store.spi.KeyPairStore;
import dev.keypair.store.spi.KeyPairStore.InsertOutcome;
import dev.keypair.store.spi.Scope;
import dev.keypair.store.spi.StoredKeyPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quota and name uniqueness under racing callers: 16 threads over two stores (two connections) on one file, then
 * three child JVMs on one file.
 */
class SqliteConcurrencyTest {

  private static final int THREADS = 16;
  private static final int QUOTA = 5;

  @TempDir
  Path dir;

  private JdbcKeyPairStore first;
  private JdbcKeyPairStore second;
  private ExecutorService pool;

  @BeforeEach
  void open() {
    first = JdbcKeyPairStore.openSqlite(dir.resolve("registry.db"));
    second = JdbcKeyPairStore.openSqlite(dir.resolve("registry.db"));
    pool = Executors.newFixedThreadPool(THREADS);
  }

  @AfterEach
  void close() {
    pool.shutdownNow();
    first.close();
    second.close();
  }

  /** Runs {@code insert(t)} on 16 threads released together; the outcomes by kind. */
  private Map<InsertOutcome, Integer> race(IntFunction<InsertOutcome> insert) throws Exception {
    CyclicBarrier start = new CyclicBarrier(THREADS);
    List<Future<InsertOutcome>> results = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      Callable<InsertOutcome> call = () -> {
        start.await();
        return insert.apply(thread);
      };
      results.add(pool.submit(call));
    }
    Map<InsertOutcome, Integer> counts = new HashMap<>();
    for (Future<InsertOutcome> f : results) {
      counts.merge(f.get(), 1, Integer::sum);
    }
    return counts;
  }

  private KeyPairStore storeFor(int thread) {
    return thread % 2 == 0 ? first : second;
  }

  @Test
  void sixteenThreadsNeverPassTheQuotaNorShareAName() throws Exception {
    for (int round = 0; round < 4; round++) {
      Scope scope = new Scope("threads", "round-" + round);
      Map<InsertOutcome, Integer> unique = race(t -> storeFor(t).insertKeyPair(scope,
          keyPair("u" + t, "unique-" + t, "f"), QUOTA));
      assertThat(unique).containsOnly(Map.entry(InsertOutcome.INSERTED, QUOTA),
          Map.entry(InsertOutcome.QUOTA_EXCEEDED, THREADS - QUOTA));
      assertThat(first.countKeyPairs(scope)).isEqualTo(QUOTA);

      Scope names = new Scope("threads", "names-" + round);
      Map<InsertOutcome, Integer> same = race(t -> storeFor(t).insertKeyPair(names,
          keyPair("s" + t, "same", "f"), QUOTA));
      assertThat(same).containsOnly(Map.entry(InsertOutcome.INSERTED, 1),
          Map.entry(InsertOutcome.NAME_TAKEN, THREADS - 1));
      assertThat(second.keyPairs(names, null, 100)).hasSize(1);
    }
  }

  @Test
  void threeProcessesNeverPassTheQuotaNorShareAName() throws Exception {
    Path file = dir.resolve("registry.db");
    int processes = 3;
    int perProcess = 8;
    int quota = 5;
    int names = 10;
    List<ChildJvm> children = new ArrayList<>();
    try {
      for (int p = 0; p < processes; p++) {
        children.add(new ChildJvm(dir.resolve("child-" + p + ".err"), "race", file.toString(), "p" + p,
            "" + perProcess, "" + quota, "" + names));
      }
      for (ChildJvm child : children) {
        assertThat(child.nextLine(60)).as(errors()).isEqualTo("READY");
      }
      for (ChildJvm child : children) {
        child.send("GO");
      }
      Map<String, Integer> outcomes = new HashMap<>();
      for (ChildJvm child : children) {
        for (String line; !"DONE".equals(line = child.nextLine(120)); ) {
          assertThat(line).as(errors()).isNotNull().startsWith("RESULT ");
          outcomes.merge(line.substring(7), 1, Integer::sum);
        }
        assertThat(child.process.waitFor()).isZero();
      }
      assertThat(outcomes).containsOnly(
          Map.entry("QUOTA INSERTED", quota),
          Map.entry("QUOTA QUOTA_EXCEEDED", processes * perProcess - quota),
          Map.entry("NAME INSERTED", names),
          Map.entry("NAME NAME_TAKEN", (processes - 1) * names));
    } finally {
      for (ChildJvm child : children) {
        child.close();
      }
    }
    assertThat(first.countKeyPairs(StoreChild.QUOTA_SCOPE)).isEqualTo(quota);
    List<StoredKeyPair> same = first.keyPairs(StoreChild.NAMES_SCOPE, null, 1000);
    assertThat(same).hasSize(names);
    assertThat(new HashSet<>(same.stream().map(StoredKeyPair::name).toList())).hasSize(names);
  }

  private String errors() {
    StringBuilder sb = new StringBuilder();
    try (var files = Files.list(dir)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".err")).toList()) {
        sb.append(p.getFileName()).append(": ").append(Files.readString(p)).append('\n');
      }
    } catch (java.io.IOException e) {
      sb.append(e);
    }
    return sb.toString();
  }
}
