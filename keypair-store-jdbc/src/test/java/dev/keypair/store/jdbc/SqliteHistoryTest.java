package dev.keypair.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.store.spi.StoredKeyPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HOSTILE 35: two JVMs on one store file insert, delete and list at random for 30 s, each logging every call with
 * the wall-clock time before it started and after it returned; the logs are then checked as one history. A call
 * takes effect at some instant between its two times, so a key pair is surely present from its insert's return to
 * its delete's start, and surely absent before its insert started or after its delete returned. The second child
 * is killed (SIGKILL) before its end, so its last call may be in flight: it may or may not have taken effect.
 */
class SqliteHistoryTest {

  private static final int QUOTA = 5;
  private static final long MILLIS = 30_000;
  private static final long UNKNOWN = Long.MAX_VALUE;

  @TempDir
  Path dir;

  /** One call of a child: its times in microseconds ({@link #UNKNOWN} end: in flight when the child died). */
  private static final class Call {
    final String child;
    final String kind;
    final String id;
    final long start;
    long end = UNKNOWN;
    String outcome;
    String name;
    Map<String, String> listed;

    Call(String child, String kind, String id, String name, long start) {
      this.child = child;
      this.kind = kind;
      this.id = id;
      this.name = name;
      this.start = start;
    }

    @Override
    public String toString() {
      return child + " " + kind + " " + (id == null ? "" : id + " ") + (name == null ? "" : name + " ") + start
          + ".." + (end == UNKNOWN ? "?" : end) + " " + outcome;
    }
  }

  /** A key pair some call inserted: when it surely existed, and when it surely no longer did. */
  private static final class Life {
    Call insert;
    Call delete; // the one that answered DELETED, or one in flight

    boolean inserted() {
      return "INSERTED".equals(insert.outcome);
    }

    /** From when the key pair is surely present (its insert returned INSERTED). */
    long presentFrom() {
      return inserted() ? insert.end : UNKNOWN;
    }

    /** Until when it is surely present: the start of its delete. */
    long presentUntil() {
      return delete == null ? UNKNOWN : delete.start;
    }

    /** From when it is surely absent: its delete returned. */
    long absentFrom() {
      return delete == null ? UNKNOWN : delete.end;
    }
  }

  @Test
  void hostile35TwoJvmsMixingForThirtySecondsKeepAConsistentHistory() throws Exception {
    Path file = dir.resolve("registry.db");
    JdbcKeyPairStore.openSqlite(file).close();
    List<Call> calls = new ArrayList<>();
    try (ChildJvm a = new ChildJvm(dir.resolve("a.err"), "mix", file.toString(), "35", "" + QUOTA, "a", "" + MILLIS);
        ChildJvm b = new ChildJvm(dir.resolve("b.err"), "mix", file.toString(), "53", "" + QUOTA, "b", "" + MILLIS)) {
      assertThat(a.nextLine(60)).as(errors()).isEqualTo("READY");
      assertThat(b.nextLine(60)).as(errors()).isEqualTo("READY");
      a.send("GO");
      b.send("GO");
      Thread.sleep(MILLIS - 1_000);
      List<String> bLines = b.kill();
      List<String> aLines = new ArrayList<>();
      for (String line; (line = a.nextLine(60)) != null; ) {
        aLines.add(line);
      }
      assertThat(a.process.waitFor()).as(errors()).isZero();
      assertThat(aLines).last().isEqualTo("DONE");
      calls.addAll(parse("a", aLines));
      calls.addAll(parse("b", bLines));
    }

    Map<String, Life> lives = new LinkedHashMap<>();
    Map<String, Integer> outcomes = new TreeMap<>();
    int crossDeletes = 0;
    for (Call c : calls) {
      outcomes.merge(c.kind + " " + c.outcome, 1, Integer::sum);
      if (c.kind.equals("INSERT")) {
        assertThat(c.outcome).as(c.toString()).isIn("INSERTED", "NAME_TAKEN", "QUOTA_EXCEEDED", null);
        Life life = new Life();
        life.insert = c;
        assertThat(lives.put(c.id, life)).as("one insert per id").isNull();
      }
    }
    for (Call c : calls) {
      if (c.kind.equals("DELETE")) {
        Life life = lives.get(c.id);
        assertThat(life).as("a delete of an id no call inserted: %s", c).isNotNull();
        assertThat(c.outcome).as(c.toString()).isIn("DELETED", "ABSENT", null);
        if ("DELETED".equals(c.outcome)) {
          assertThat(life.delete == null || life.delete.outcome == null)
              .as("two deletes took %s away: %s and %s", c.id, life.delete, c).isTrue();
          life.delete = c;
          crossDeletes += c.child.equals(life.insert.child) ? 0 : 1;
        } else if (c.outcome == null && life.delete == null) { // in flight: it may have deleted
          life.delete = c;
        }
      }
    }
    for (Call c : calls) {
      if (c.kind.equals("DELETE") && "DELETED".equals(c.outcome)) {
        assertThat(lives.get(c.id).insert.outcome).as("deleted, so inserted: %s", c).isIn("INSERTED", null);
      }
      if (c.kind.equals("DELETE") && "ABSENT".equals(c.outcome)) {
        Life life = lives.get(c.id);
        assertThat(life.presentFrom() <= c.start && c.end <= life.presentUntil())
            .as("%s answered ABSENT while %s was surely present", c, life.insert).isFalse();
      }
      if (c.kind.equals("LIST") && c.end != UNKNOWN) {
        checkList(c, lives);
      }
    }
    checkListsMissNothing(calls, lives);
    checkAtEveryInstant(lives);

    try (JdbcKeyPairStore store = JdbcKeyPairStore.openSqlite(file)) {
      List<StoredKeyPair> rows = store.keyPairs(StoreChild.MIX_SCOPE, null, Integer.MAX_VALUE);
      assertThat(rows.size()).isLessThanOrEqualTo(QUOTA);
      assertThat(rows.stream().map(StoredKeyPair::nameKey).distinct().count()).isEqualTo(rows.size());
      Map<String, StoredKeyPair> byId = new HashMap<>();
      for (StoredKeyPair k : rows) {
        Life life = lives.get(k.id());
        assertThat(life).as("a ghost: %s was never inserted", k.id()).isNotNull();
        assertThat(k).isEqualTo(StoreChild.mixKeyPair(k.id(), life.insert.name));
        assertThat(life.insert.outcome).as("present, so inserted: %s", life.insert).isIn("INSERTED", null);
        assertThat(life.delete == null || life.delete.outcome == null).as("present after %s", life.delete).isTrue();
        byId.put(k.id(), k);
      }
      for (Map.Entry<String, Life> e : lives.entrySet()) {
        Life life = e.getValue();
        if (life.inserted() && life.delete == null) {
          assertThat(byId).as("acknowledged insert %s lost", life.insert).containsKey(e.getKey());
        }
      }
    }
    System.out.printf("SqliteHistoryTest: %d calls, %d deletes across processes, %s%n", calls.size(), crossDeletes,
        outcomes);
    assertThat(outcomes).containsKeys("INSERT INSERTED", "INSERT NAME_TAKEN", "INSERT QUOTA_EXCEEDED",
        "DELETE DELETED", "LIST LISTED");
    assertThat(crossDeletes).as("each child deleted what the other inserted").isPositive();
  }

  /**
   * Parses a child's lines; a TRY without its ACK (the killed child's last) is a call in flight, and a last line
   * cut short by the kill (without its closing {@code " ."}) was not printed.
   */
  private static List<Call> parse(String child, List<String> lines) {
    List<Call> calls = new ArrayList<>();
    Call open = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.equals("DONE")) {
        continue;
      }
      if (!line.endsWith(" .")) {
        assertThat(i).as("%s: a line cut short before the last: %s", child, line).isEqualTo(lines.size() - 1);
        break;
      }
      String[] f = line.substring(0, line.length() - 2).split(" ", -1);
      long at = Long.parseLong(f[1]);
      if (f[0].equals("TRY")) {
        assertThat(open).as("%s: a call began before %s returned", child, open).isNull();
        open = new Call(child, f[2], f.length > 3 ? f[3] : null, f.length > 4 ? f[4] : null, at);
        calls.add(open);
      } else {
        assertThat(f[0]).isEqualTo("ACK");
        assertThat(open).isNotNull();
        assertThat(f[2]).isEqualTo(open.kind);
        open.end = at;
        if (open.kind.equals("LIST")) {
          open.listed = new LinkedHashMap<>();
          for (String entry : f[3].isEmpty() ? new String[0] : f[3].split(",")) {
            String[] idName = entry.split(":");
            assertThat(open.listed.put(idName[0], idName[1])).as("%s listed twice", idName[0]).isNull();
          }
          open.outcome = "LISTED";
        } else {
          open.outcome = f[f.length - 1];
        }
        open = null;
      }
    }
    return calls;
  }

  /** A list holds at most the quota, no name twice, nothing never inserted and nothing surely absent then. */
  private static void checkList(Call list, Map<String, Life> lives) {
    assertThat(list.listed.size()).as(list.toString()).isLessThanOrEqualTo(QUOTA);
    assertThat(list.listed.values().stream().distinct().count()).as("a name twice in %s", list.listed)
        .isEqualTo(list.listed.size());
    for (Map.Entry<String, String> e : list.listed.entrySet()) {
      Life life = lives.get(e.getKey());
      assertThat(life).as("a ghost in %s", list).isNotNull();
      assertThat(e.getValue()).isEqualTo(life.insert.name);
      assertThat(life.insert.outcome).as("%s listed %s", list, life.insert).isIn("INSERTED", null);
      assertThat(list.end < life.insert.start || life.absentFrom() < list.start)
          .as("%s listed %s, surely absent then (%s)", list, life.insert, life.delete).isFalse();
    }
  }

  /** Every list holds each key pair surely present from before it started until after it returned. */
  private static void checkListsMissNothing(List<Call> calls, Map<String, Life> lives) {
    List<Call> lists = calls.stream().filter(c -> c.kind.equals("LIST") && c.end != UNKNOWN)
        .sorted(Comparator.comparingLong(c -> c.start)).toList();
    List<Life> byFrom = lives.values().stream().filter(Life::inserted)
        .sorted(Comparator.comparingLong(Life::presentFrom)).toList();
    List<Life> present = new ArrayList<>(); // surely present since before the list's start
    int next = 0;
    for (Call list : lists) {
      while (next < byFrom.size() && byFrom.get(next).presentFrom() < list.start) {
        present.add(byFrom.get(next++));
      }
      present.removeIf(life -> life.presentUntil() <= list.start);
      for (Life life : present) {
        if (list.end < life.presentUntil()) {
          assertThat(list.listed).as("%s missed %s", list, life.insert).containsKey(life.insert.id);
        }
      }
    }
  }

  /** The key pairs surely present at one instant are never more than the quota, and never share a name. */
  private static void checkAtEveryInstant(Map<String, Life> lives) {
    TreeMap<Long, List<Life>> starts = new TreeMap<>();
    TreeMap<Long, List<Life>> ends = new TreeMap<>();
    for (Life life : lives.values()) {
      if (life.presentFrom() < life.presentUntil()) {
        starts.computeIfAbsent(life.presentFrom(), t -> new ArrayList<>()).add(life);
        ends.computeIfAbsent(life.presentUntil(), t -> new ArrayList<>()).add(life);
      }
    }
    Map<String, Life> present = new HashMap<>();
    int most = 0;
    for (Map.Entry<Long, List<Life>> at : starts.entrySet()) {
      // first what surely ended before this instant
      for (var ended = ends.headMap(at.getKey(), true); !ended.isEmpty(); ended.pollFirstEntry()) {
        for (Life life : ended.firstEntry().getValue()) {
          present.remove(life.insert.name, life);
        }
      }
      for (Life life : at.getValue()) {
        Life other = present.put(life.insert.name, life);
        assertThat(other).as("two key pairs named %s at once: %s and %s", life.insert.name, other == null ? null
            : other.insert, life.insert).isNull();
      }
      assertThat(present.size()).as("more than the quota at once: %s", present.keySet()).isLessThanOrEqualTo(QUOTA);
      most = Math.max(most, present.size());
    }
    assertThat(most).as("the quota was reached").isEqualTo(QUOTA);
  }

  private String errors() {
    StringBuilder sb = new StringBuilder();
    for (String name : List.of("a.err", "b.err")) {
      try {
        sb.append(name).append(": ").append(Files.readString(dir.resolve(name))).append('\n');
      } catch (java.io.IOException e) {
        sb.append(name).append(": ").append(e).append('\n');
      }
    }
    return sb.toString();
  }
}
