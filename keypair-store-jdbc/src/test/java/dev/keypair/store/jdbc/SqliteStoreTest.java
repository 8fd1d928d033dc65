package dev.keypair.store.jdbc;

import static dev.keypair.store.jdbc.Fixtures.OTHER;
import static dev.keypair.store.jdbc.Fixtures.SCOPE;
import static dev.keypair.store.jdbc.Fixtures.instance;
import static dev.keypair.store.jdbc.Fixtures.keyPair;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypair.core.KeyPairException;
import dev.keypair.store.InMemoryKeyPairStore;
import dev.keypair.store.spi.KeyPairStore;
import dev.keypair.store.spi.KeyPairStore.DeleteOutcome;
import dev.keypair.store.spi.KeyPairStore.InsertOutcome;
import dev.keypair.store.spi.StoreErrors;
import dev.keypair.store.spi.StoredInstance;
import dev.keypair.store.spi.StoredKeyPair;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every SPI method of the SQLite store on a temporary file, and the same answers as the in-memory store. */
class SqliteStoreTest {

  @TempDir
  Path dir;

  private JdbcKeyPairStore open() {
    return JdbcKeyPairStore.openSqlite(dir.resolve("registry.db"));
  }

  @Test
  void insertOutcomesAreCheckedInOrderIdNamePublicKeyQuota() {
    try (JdbcKeyPairStore store = open()) {
      assertThat(store.insertKeyPair(SCOPE, keyPair("k1", "a", "f1", "pk1", Map.of()), 2)).isEqualTo(InsertOutcome.INSERTED);
      assertThat(store.insertKeyPair(SCOPE, keyPair("k1", "a", "f1", "pk1", Map.of()), 0)).isEqualTo(InsertOutcome.ID_TAKEN);
      assertThat(store.insertKeyPair(SCOPE, keyPair("k2", "a", "f1", "pk1", Map.of()), 0)).isEqualTo(InsertOutcome.NAME_TAKEN);
      assertThat(store.insertKeyPair(SCOPE, keyPair("k2", "b", "f1", "pk1", Map.of()), 0))
          .isEqualTo(InsertOutcome.PUBLIC_KEY_TAKEN);
      assertThat(store.insertKeyPair(SCOPE, keyPair("k2", "b", "f1", "pk2", Map.of()), 1))
          .isEqualTo(InsertOutcome.QUOTA_EXCEEDED);
      // a null public-key key is never taken
      assertThat(store.insertKeyPair(SCOPE, keyPair("k2", "b", "f1"), 3)).isEqualTo(InsertOutcome.INSERTED);
      assertThat(store.insertKeyPair(SCOPE, keyPair("k3", "c", "f1"), 3)).isEqualTo(InsertOutcome.INSERTED);
      assertThat(store.insertKeyPair(SCOPE, keyPair("k4", "d", "f1"), 3)).isEqualTo(InsertOutcome.QUOTA_EXCEEDED);
      assertThat(store.countKeyPairs(SCOPE)).isEqualTo(3);
      // scopes are isolated
      assertThat(store.countKeyPairs(OTHER)).isZero();
      assertThat(store.insertKeyPair(OTHER, keyPair("k1", "a", "f1", "pk1", Map.of()), 1)).isEqualTo(InsertOutcome.INSERTED);
      assertThat(store.keyPairById(OTHER, "k2")).isEmpty();
    }
  }

  @Test
  void lookupsReturnWhatWasStored() {
    try (JdbcKeyPairStore store = open()) {
      StoredKeyPair a = keyPair("k1", "alpha", "fp", "pk", Map.of("env", "prod"));
      StoredKeyPair b = keyPair("k2", "beta", "fp");
      StoredKeyPair c = keyPair("k3", "gamma", "other");
      for (StoredKeyPair k : List.of(c, b, a)) {
        assertThat(store.insertKeyPair(SCOPE, k, 10)).isEqualTo(InsertOutcome.INSERTED);
      }
      assertThat(store.keyPairById(SCOPE, "k1")).contains(a);
      assertThat(store.keyPairById(SCOPE, "nope")).isEmpty();
      assertThat(store.keyPairByNameKey(SCOPE, "beta")).contains(b);
      assertThat(store.keyPairByNameKey(SCOPE, "Beta")).isEmpty();
      assertThat(store.keyPairsByFingerprintKey(SCOPE, "fp")).containsExactly(a, b);
      assertThat(store.keyPairsByFingerprintKey(SCOPE, "none")).isEmpty();
      assertThat(store.keyPairs(SCOPE, null, 10)).containsExactly(a, b, c);
      assertThat(store.keyPairs(SCOPE, null, 2)).containsExactly(a, b);
      assertThat(store.keyPairs(SCOPE, "alpha", 10)).containsExactly(b, c);
      assertThat(store.keyPairs(SCOPE, "b", 1)).containsExactly(b);
      assertThat(store.keyPairs(SCOPE, null, 0)).isEmpty();
      assertThatThrownBy(() -> store.keyPairs(SCOPE, null, -1)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void fingerprintLookupUsesTheIndex() throws Exception {
    try (JdbcKeyPairStore store = open()) {
      store.insertKeyPair(SCOPE, keyPair("k1", "a", "fp"), 1);
    }
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("registry.db"));
        java.sql.ResultSet rs = c.createStatement().executeQuery("EXPLAIN QUERY PLAN SELECT * FROM key_pairs"
            + " WHERE provider = 'p' AND region = 'r' AND fingerprint_key = 'f' ORDER BY name_key")) {
      StringBuilder plan = new StringBuilder();
      while (rs.next()) {
        plan.append(rs.getString("detail")).append('\n');
      }
      assertThat(plan.toString()).contains("USING INDEX key_pairs_by_fingerprint");
    }
  }

  @Test
  void orderIsStringCompareToOrderEvenForSupplementaryCharacters() {
    // UTF-8 byte order puts U+1F600 after U+FF61; UTF-16 code-unit order (String.compareTo) puts it before
    List<String> names = List.of("\uFF61x", "\uD83D\uDE00", "a", "A", "a\u0000b", "a\u0000", "\u00e9", "\uE000", "zz");
    try (JdbcKeyPairStore store = open()) {
      int i = 0;
      for (String n : names) {
        assertThat(store.insertKeyPair(SCOPE, keyPair("k" + i++, n, "f"), 100)).isEqualTo(InsertOutcome.INSERTED);
      }
      List<String> expected = names.stream().sorted().collect(Collectors.toList());
      assertThat(store.keyPairs(SCOPE, null, 100)).extracting(StoredKeyPair::nameKey).containsExactlyElementsOf(expected);
      assertThat(store.keyPairsByFingerprintKey(SCOPE, "f")).extracting(StoredKeyPair::nameKey)
          .containsExactlyElementsOf(expected);
      // paging one by one walks the same order
      List<String> paged = new ArrayList<>();
      String after = null;
      for (List<StoredKeyPair> page; !(page = store.keyPairs(SCOPE, after, 1)).isEmpty(); ) {
        after = page.get(0).nameKey();
        paged.add(after);
      }
      assertThat(paged).containsExactlyElementsOf(expected);
      for (String n : names) {
        assertThat(store.keyPairByNameKey(SCOPE, n)).map(StoredKeyPair::name).contains(n);
      }
    }
  }

  @Test
  void tagsRoundTripWhateverTheyHold() {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("", "");
    tags.put("quote\"back\\slash", "\\u0041 is not A");
    tags.put("nul\u0000", "\u0000\u0001\u001f\u007f");
    tags.put("newline\n", "\r\n\t");
    tags.put("emoji \uD83D\uDE00", "lone \uD800 and \uDFFF");
    tags.put("{\"k\":\"v\"}", ",:}{[]");
    tags.put("\u00e9\u4e2d", "\uFFFF\uFEFF");
    try (JdbcKeyPairStore store = open()) {
      store.insertKeyPair(SCOPE, keyPair("k1", "a", "f", null, tags), 1);
      assertThat(store.keyPairById(SCOPE, "k1").orElseThrow().tags()).isEqualTo(tags);
      Map<String, String> other = Map.of("x", "\uDBFF\uDFFF\"");
      assertThat(store.replaceTags(SCOPE, "k1", Map.of(), other)).isFalse();
      assertThat(store.replaceTags(SCOPE, "k1", tags, other)).isTrue();
      assertThat(store.replaceTags(SCOPE, "nope", Map.of(), other)).isFalse();
      assertThat(store.keyPairById(SCOPE, "k1").orElseThrow().tags()).isEqualTo(other);
      Map<String, String> nullValue = new java.util.HashMap<>();
      nullValue.put("k", null);
      assertThatThrownBy(() -> store.replaceTags(SCOPE, "k1", other, nullValue)).isInstanceOf(NullPointerException.class);
      assertThat(store.keyPairById(SCOPE, "k1").orElseThrow().tags()).isEqualTo(other);
      assertThat(store.replaceTags(SCOPE, "k1", other, Map.of())).isTrue();
      assertThat(store.keyPairById(SCOPE, "k1").orElseThrow().tags()).isEmpty();
    }
  }

  @Test
  void deleteRefusesABoundKeyPairOnlyWhenAsked() {
    try (JdbcKeyPairStore store = open()) {
      store.insertKeyPair(SCOPE, keyPair("k1", "a", "f"), 5);
      store.insertKeyPair(SCOPE, keyPair("k2", "b", "f"), 5);
      assertThat(store.insertInstance(SCOPE, instance("i-1", "k1", 1))).isTrue();
      assertThat(store.deleteKeyPair(SCOPE, "nope", true)).isEqualTo(DeleteOutcome.ABSENT);
      assertThat(store.deleteKeyPair(SCOPE, "k1", true)).isEqualTo(DeleteOutcome.BOUND);
      assertThat(store.keyPairById(SCOPE, "k1")).isPresent();
      assertThat(store.deleteKeyPair(SCOPE, "k2", true)).isEqualTo(DeleteOutcome.DELETED);
      assertThat(store.deleteKeyPair(SCOPE, "k1", false)).isEqualTo(DeleteOutcome.DELETED);
      assertThat(store.deleteKeyPair(SCOPE, "k1", false)).isEqualTo(DeleteOutcome.ABSENT);
      assertThat(store.countKeyPairs(SCOPE)).isZero();
      // the name and public key are free again
      assertThat(store.insertKeyPair(SCOPE, keyPair("k3", "a", "f"), 5)).isEqualTo(InsertOutcome.INSERTED);
    }
  }

  @Test
  void instancesAreComparedAndSetOnTheirVersion() {
    try (JdbcKeyPairStore store = open()) {
      store.insertKeyPair(SCOPE, keyPair("k1", "a", "f"), 5);
      StoredInstance i2 = instance("i-2", null, 1);
      StoredInstance i1 = instance("i-1", "k1", 3);
      assertThat(store.insertInstance(SCOPE, i2)).isTrue();
      assertThat(store.insertInstance(SCOPE, i1)).isTrue();
      assertThat(store.insertInstance(SCOPE, instance("i-1", null, 9))).isFalse();
      assertThat(store.instance(SCOPE, "i-1")).contains(i1);
      assertThat(store.instance(SCOPE, "i-9")).isEmpty();
      assertThat(store.instances(SCOPE)).containsExactly(i1, i2);
      assertThat(store.instances(OTHER)).isEmpty();

      StoredInstance bound = instance("i-2", "k1", 2);
      assertThat(store.replaceInstance(SCOPE, 7, bound, "k1")).isFalse();
      assertThat(store.replaceInstance(SCOPE, 1, bound, "missing")).isFalse();
      assertThat(store.replaceInstance(SCOPE, 1, instance("i-404", null, 2), null)).isFalse();
      assertThatThrownBy(() -> store.replaceInstance(SCOPE, 1, instance("i-2", null, 1), null))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(store.instance(SCOPE, "i-2")).contains(i2);
      assertThat(store.replaceInstance(SCOPE, 1, bound, "k1")).isTrue();
      assertThat(store.instance(SCOPE, "i-2")).contains(bound);
      assertThat(store.replaceInstance(SCOPE, 1, instance("i-2", null, 3), null)).isFalse();
      StoredInstance unbound = new StoredInstance("i-2", "windows", "stopped", null, null, null, "ssh-rsa AAAA x", false,
          3);
      assertThat(store.replaceInstance(SCOPE, 2, unbound, null)).isTrue();
      assertThat(store.instance(SCOPE, "i-2")).contains(unbound);
    }
  }

  @Test
  void reopeningKeepsEverythingAndCloseIsFinal() {
    StoredKeyPair a = keyPair("k1", "a", "f", "pk", Map.of("t", "v"));
    StoredInstance i = instance("i-1", "k1", 4);
    JdbcKeyPairStore store = open();
    store.insertKeyPair(SCOPE, a, 5);
    store.insertInstance(SCOPE, i);
    store.close();
    store.close();
    assertThatThrownBy(() -> store.countKeyPairs(SCOPE)).isInstanceOfSatisfying(KeyPairException.class,
        e -> assertThat(e.code()).isEqualTo(StoreErrors.UNAVAILABLE));
    assertThatThrownBy(() -> store.insertKeyPair(SCOPE, a, 5)).isInstanceOfSatisfying(KeyPairException.class,
        e -> assertThat(e.code()).isEqualTo(StoreErrors.UNAVAILABLE));
    assertThat(dir.resolve("registry.db-wal")).doesNotExist(); // checkpointed into the main file
    try (JdbcKeyPairStore again = JdbcKeyPairStore.open(dir.resolve("registry.db").toString())) {
      assertThat(again.keyPairs(SCOPE, null, 10)).containsExactly(a);
      assertThat(again.instances(SCOPE)).containsExactly(i);
    }
    try (JdbcKeyPairStore again = JdbcKeyPairStore.open("jdbc:sqlite:" + dir.resolve("registry.db"))) {
      assertThat(again.keyPairById(SCOPE, "k1")).contains(a);
    }
  }

  /** A seeded random walk over every method, on this store and on the in-memory reference: the same answers. */
  @Test
  void answersAsTheInMemoryStoreDoes() {
    Random random = new Random(20240611);
    String[] names = {"a", "b", "B", "\u00e9", "\uD83D\uDE00", "\uFF61", "a\u0000k1", "zz", "m", "n"};
    try (JdbcKeyPairStore jdbc = open(); InMemoryKeyPairStore memory = InMemoryKeyPairStore.create()) {
      for (int step = 0; step < 600; step++) {
        var scope = random.nextInt(4) == 0 ? OTHER : SCOPE;
        String id = "k" + random.nextInt(12);
        String name = names[random.nextInt(names.length)];
        String instanceId = "i-" + random.nextInt(4);
        int op = random.nextInt(11);
        Object expected = apply(memory, op, scope, id, name, instanceId, random.nextLong());
        Object actual = apply(jdbc, op, scope, id, name, instanceId, random.nextLong());
        assertThat(actual).as("step %d op %d", step, op).isEqualTo(expected);
      }
    }
  }

  private static Object apply(KeyPairStore s, int op, dev.keypair.store.spi.Scope scope, String id, String name,
      String instanceId, long ignored) {
    switch (op) {
      case 0:
      case 1:
        return s.insertKeyPair(scope, new StoredKeyPair(id, name, name, "rsa", 2048, "SHA256:" + name.length(),
            "fp" + name.length(), "created", Instant.ofEpochMilli(id.hashCode()), Map.of("n", name),
            "ssh-rsa AAAA" + id, name.equals("m") ? "pk" : null), 6);
      case 2:
        return s.deleteKeyPair(scope, id, id.hashCode() % 2 == 0);
      case 3:
        return s.keyPairs(scope, name.equals("a") ? null : name, 3);
      case 4:
        return s.keyPairsByFingerprintKey(scope, "fp" + name.length());
      case 5:
        return List.of(s.keyPairById(scope, id), s.keyPairByNameKey(scope, name), s.countKeyPairs(scope));
      case 6:
        return s.replaceTags(scope, id, s.keyPairById(scope, id).map(StoredKeyPair::tags).orElse(Map.of()),
            Map.of("x", id + name));
      case 7:
        return s.insertInstance(scope, instance(instanceId, null, 1));
      case 8: {
        var current = s.instance(scope, instanceId);
        if (current.isEmpty()) {
          return current;
        }
        long v = current.get().version();
        boolean bind = id.hashCode() % 3 != 0;
        return s.replaceInstance(scope, v, instance(instanceId, bind ? id : null, v + 1), bind ? id : null);
      }
      case 9:
        return s.instances(scope);
      default:
        return s.keyPairs(scope, null, 100);
    }
  }
}
