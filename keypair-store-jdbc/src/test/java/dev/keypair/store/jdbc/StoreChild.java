package dev.keypair.store.jdbc;

import dev.keypair.core.KeyPairException;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A child JVM for the multi-process tests; one line per event on stdout.
 *
 * <ul>
 *   <li>{@code open FILE}: opens the store and lists scope {@code race/quota}; prints {@code OPENED COUNT
 *       OPEN_MS QUERY_MS}, the times from {@code main}.</li>
 *   <li>{@code race FILE TAG COUNT QUOTA NAMES}: prints {@code READY}, waits for a line on stdin, then inserts
 *       {@code COUNT} key pairs with unique names into scope {@code race/quota} under {@code QUOTA}, and one key pair
 *       named {@code same-J} (J below {@code NAMES}) into scope {@code race/names}; prints {@code RESULT QUOTA|NAME
 *       OUTCOME} per insert, then {@code DONE}.</li>
 *   <li>{@code churn FILE SEED QUOTA TAG}: inserts and deletes in scope {@code crash/churn} until killed, printing
 *       {@code TRY INSERT|DELETE ID} before and {@code ACK INSERT|DELETE ID OUTCOME} after each call returns.</li>
 *   <li>{@code mix FILE SEED QUOTA TAG MILLIS}: prints {@code READY}, waits for a line on stdin, then for
 *       {@code MILLIS} inserts (ids {@code TAG-N}, names from {@link #MIX_NAMES}), deletes (an id of its last
 *       list) and lists in scope {@code race/mix}, printing {@code TRY MICROS INSERT ID NAME|DELETE ID|LIST} before
 *       and {@code ACK MICROS INSERT ID NAME OUTCOME|DELETE ID OUTCOME|LIST ID:NAME,...} after each call (MICROS:
 *       the wall clock, which both children share; each line ends with {@code " ."}, so a line cut short by a
 *       kill shows), then {@code DONE}.</li>
 *   <li>{@code serve FILE}: runs one call per line of stdin in scope {@code crash/churn} ({@code INSERT ID},
 *       {@code DELETE ID}, {@code TAG ID VALUE}: tags {@code t=VALUE}, {@code LIST}) and prints {@code OK RESULT} or
 *       {@code ERROR CODE MESSAGE}.</li>
 * </ul>
 */
public final class StoreChild {

  static final Scope QUOTA_SCOPE = new Scope("race", "quota");
  static final Scope NAMES_SCOPE = new Scope("race", "names");
  static final Scope CHURN_SCOPE = new Scope("crash", "churn");
  static final Scope MIX_SCOPE = new Scope("race", "mix");

  /** The names the mix children create: more than the quota, so names and quota are both contended. */
  static final List<String> MIX_NAMES = List.of("n0", "n1", "n2", "n3", "n4", "n5", "n6", "n7");

  private StoreChild() {}

  /** The key pair the churn child inserts with this id: every field derived from it, so a partial row shows. */
  static StoredKeyPair churnKeyPair(String id) {
    return Fixtures.keyPair(id, "name-" + id, "fp-" + id, "pk-" + id, Map.of("id", id, "odd", "\"\\\u0000" + id));
  }

  public static void main(String[] args) throws IOException {
    long start = System.nanoTime();
    if (args[0].equals("open")) { // how long the command's first store call takes in a fresh JVM
      try (JdbcKeyPairStore store = JdbcKeyPairStore.openSqlite(Path.of(args[1]))) {
        long opened = System.nanoTime();
        int listed = store.keyPairs(QUOTA_SCOPE, null, 50).size();
        long queried = System.nanoTime();
        System.out.printf("OPENED %d %.1f %.1f%n", listed, (opened - start) / 1e6, (queried - opened) / 1e6);
      }
      return;
    }
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Path file = Path.of(args[1]);
    if (args[0].equals("race")) {
      race(out, file, args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]));
    } else if (args[0].equals("serve")) {
      serve(out, file);
    } else if (args[0].equals("mix")) {
      mix(out, file, Long.parseLong(args[2]), Integer.parseInt(args[3]), args[4], Long.parseLong(args[5]));
    } else {
      churn(out, file, Long.parseLong(args[2]), Integer.parseInt(args[3]), args[4]);
    }
  }

  private static void serve(PrintStream out, Path file) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    try (JdbcKeyPairStore store = JdbcKeyPairStore.openSqlite(file)) {
      for (String line; (line = in.readLine()) != null; ) {
        String[] f = line.split(" ");
        try {
          Object result = switch (f[0]) {
            case "INSERT" -> store.insertKeyPair(CHURN_SCOPE, churnKeyPair(f[1]), 100);
            case "DELETE" -> store.deleteKeyPair(CHURN_SCOPE, f[1], false);
            case "TAG" -> store.replaceTags(CHURN_SCOPE, f[1],
                store.keyPairById(CHURN_SCOPE, f[1]).orElseThrow().tags(), Map.of("t", f[2]));
            default -> String.join(",", store.keyPairs(CHURN_SCOPE, null, 100).stream()
                .map(k -> k.id() + k.tags().getOrDefault("t", "")).toList());
          };
          out.println("OK " + result);
        } catch (KeyPairException e) {
          out.println("ERROR " + e.code() + " " + e.getMessage());
        }
      }
    }
  }

  /** The wall clock in microseconds: comparable between processes on one machine. */
  private static long micros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
  }

  private static void mix(PrintStream out, Path file, long seed, int quota, String tag, long millis)
      throws IOException {
    Random random = new Random(seed);
    try (JdbcKeyPairStore store = JdbcKeyPairStore.openSqlite(file)) {
      List<String> listed = new ArrayList<>();
      store.countKeyPairs(MIX_SCOPE);
      out.println("READY");
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      long end = System.nanoTime() + millis * 1_000_000;
      for (int n = 0; System.nanoTime() < end; n++) {
        int choice = random.nextInt(20);
        if (choice < 9) {
          String id = tag + "-" + n;
          String name = MIX_NAMES.get(random.nextInt(MIX_NAMES.size()));
          out.println("TRY " + micros() + " INSERT " + id + " " + name + " .");
          InsertOutcome o = store.insertKeyPair(MIX_SCOPE, mixKeyPair(id, name), quota);
          out.println("ACK " + micros() + " INSERT " + id + " " + name + " " + o + " .");
        } else if (choice < 16 && !listed.isEmpty()) {
          String id = listed.remove(random.nextInt(listed.size()));
          out.println("TRY " + micros() + " DELETE " + id + " .");
          DeleteOutcome o = store.deleteKeyPair(MIX_SCOPE, id, false);
          out.println("ACK " + micros() + " DELETE " + id + " " + o + " .");
        } else {
          out.println("TRY " + micros() + " LIST .");
          List<StoredKeyPair> rows = store.keyPairs(MIX_SCOPE, null, Integer.MAX_VALUE);
          long at = micros();
          listed.clear();
          StringBuilder line = new StringBuilder();
          for (StoredKeyPair k : rows) {
            listed.add(k.id());
            line.append(line.length() == 0 ? "" : ",").append(k.id()).append(':').append(k.name());
          }
          out.println("ACK " + at + " LIST " + line + " .");
        }
      }
    }
    out.println("DONE");
  }

  /** The key pair the mix children insert: its own public key, so only the name and the quota can refuse it. */
  static StoredKeyPair mixKeyPair(String id, String name) {
    return Fixtures.keyPair(id, name, "fp-" + id, "pk-" + id, Map.of("id", id));
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
