package dev.keypair.store.jdbc;

import dev.keypair.store.spi.KeyPairStore.DeleteOutcome;
import dev.keypair.store.spi.KeyPairStore.InsertOutcome;
import dev.keypair.store.spi.Scope;
import dev.keypair.store.spi.StoredKeyPair;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A child JVM for the multi-process tests; one line per event on stdout.
 *
 * <ul>
 *   <li>{@code race FILE TAG COUNT QUOTA NAMES}: prints {@code READY}, waits for a line on stdin, then inserts
 *       {@code COUNT} key pairs with unique names into scope {@code race/quota} under {@code QUOTA}, and one key pair
 *       named {@code same-J} (J below {@code NAMES}) into scope {@code race/names}; prints {@code RESULT QUOTA|NAME
 *       OUTCOME} per insert, then {@code DONE}.</li>
 *   <li>{@code churn FILE SEED QUOTA TAG}: inserts and deletes in scope {@code crash/churn} until killed, printing
 *       {@code TRY INSERT|DELETE ID} before and {@code ACK INSERT|DELETE ID OUTCOME} after each call returns.</li>
 * </ul>
 */
public final class StoreChild {

  static final Scope QUOTA_SCOPE = new Scope("race", "quota");
  static final Scope NAMES_SCOPE = new Scope("race", "names");
  static final Scope CHURN_SCOPE = new Scope("crash", "churn");

  private StoreChild() {}

  /** The key pair the churn child inserts with this id: every field derived from it, so a partial row shows. */
  static StoredKeyPair churnKeyPair(String id) {
    return Fixtures.keyPair(id, "name-" + id, "fp-" + id, "pk-" + id, Map.of("id", id, "odd", "\"\\\u0000" + id));
  }

  public static void main(String[] args) throws IOException {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Path file = Path.of(args[1]);
    if (args[0].equals("race")) {
      race(out, file, args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]));
    } else {
      churn(out, file, Long.parseLong(args[2]), Integer.parseInt(args[3]), args[4]);
    }
  }

  private static void race(PrintStream out, Path file, String tag, int count, int quota, int names)
      throws IOException {
    try (JdbcKeyPairStore store = JdbcKeyPairStore.openSqlite(file)) {
      store.countKeyPairs(QUOTA_SCOPE); // warm up before the start line
      out.println("READY");
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      for (int i = 0; i < Math.max(count, names); i++) {
        if (i < count) {
          InsertOutcome o = store.insertKeyPair(QUOTA_SCOPE, Fixtures.keyPair(tag + "-" + i, tag + "-n" + i, "f"),
              quota);
          out.println("RESULT QUOTA " + o);
        }
        if (i < names) {
          InsertOutcome o = store.insertKeyPair(NAMES_SCOPE, Fixtures.keyPair(tag + "-s" + i, "same-" + i, "f"),
              1000);
          out.println("RESULT NAME " + o);
        }
      }
    }
    out.println("DONE");
  }

  private static void churn(PrintStream out, Path file, long seed, int quota, String tag) {
    Random random = new Random(seed);
    try (JdbcKeyPairStore store = JdbcKeyPairStore.openSqlite(file)) {
      List<String> present = new ArrayList<>();
      for (StoredKeyPair k : store.keyPairs(CHURN_SCOPE, null, Integer.MAX_VALUE)) {
        present.add(k.id());
      }
      for (int n = 0; ; n++) {
        if (present.isEmpty() || random.nextInt(10) < 6) {
          String id = tag + "-" + n;
          out.println("TRY INSERT " + id);
          InsertOutcome o = store.insertKeyPair(CHURN_SCOPE, churnKeyPair(id), quota);
          out.println("ACK INSERT " + id + " " + o);
          if (o == InsertOutcome.INSERTED) {
            present.add(id);
          }
        } else {
          String id = present.remove(random.nextInt(present.size()));
          out.println("TRY DELETE " + id);
          DeleteOutcome o = store.deleteKeyPair(CHURN_SCOPE, id, false);
          out.println("ACK DELETE " + id + " " + o);
        }
      }
    }
  }
}
