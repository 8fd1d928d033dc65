package dev.keypair.store;

import static dev.keypair.store.contract.ContractSupport.assertRefused;
import static dev.keypair.store.contract.ContractSupport.ed25519;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypair.core.Comment;
import dev.keypair.core.KeyPairException;
import dev.keypair.formats.PublicKeyFormat;
import dev.keypair.store.contract.ContractSupport;
import dev.keypair.store.spi.KeyPairStore;
import dev.keypair.store.spi.Scope;
import dev.keypair.store.spi.StoreErrors;
import dev.keypair.store.spi.StoredKeyPair;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Registry mechanics every profile shares: paging, filters, tags, instances, ids. */
class KeyPairRegistryTest {

  /** Pages of 3 by default, at most 5; names case-sensitive free text. */
  private static final ProviderProfile PAGED = ProviderProfile.builder("paged").paging(3, 5).quota(100).build();

  private final InMemoryKeyPairStore store = InMemoryKeyPairStore.create();
  private final KeyPairRegistry r = ContractSupport.registry(store, PAGED, "r1");
  private final ProviderCodes codes = PAGED.codes();

  private KeyPairRecord add(String name, int key, Map<String, String> tags) {
    return r.importKey(name, ed25519(key), PublicKeyFormat.OPENSSH, tags);
  }

  private static List<String> names(List<KeyPairRecord> records) {
    return records.stream().map(KeyPairRecord::name).toList();
  }

  @Test
  void pagesFollowTokensInNameOrderAndSurviveChangesBetweenPages() {
    for (String n : List.of("e", "a", "d", "b", "c", "g", "f")) {
      add(n, 0, Map.of());
    }
    Page<KeyPairRecord> p1 = r.list(KeyPairQuery.all());
    assertThat(names(p1.items())).containsExactly("a", "b", "c");
    r.delete("d");
    add("bb", 0, Map.of());
    Page<KeyPairRecord> p2 = r.list(KeyPairQuery.builder().pageToken(p1.nextPageToken().orElseThrow()).build());
    assertThat(names(p2.items())).as("after c, whatever changed before it").containsExactly("e", "f", "g");
    assertThat(p2.nextPageToken()).isEmpty();
    Page<KeyPairRecord> five = r.list(KeyPairQuery.builder().pageSize(5).build());
    assertThat(names(five.items())).containsExactly("a", "b", "bb", "c", "e");
    assertThat(names(r.listAll(KeyPairQuery.builder().pageSize(1).build())))
        .containsExactly("a", "b", "bb", "c", "e", "f", "g");
    assertRefused(codes.invalidParameter(), () -> r.list(KeyPairQuery.builder().pageSize(6).build()));
    assertRefused(codes.invalidParameter(), () -> r.list(KeyPairQuery.builder().pageSize(-1).build()));
  }

  /**
   * The registry keeps the keys it reads back by their stored text: another record with the same text gets the
   * same key under its own name, and a text it has not seen is parsed, so a bad one is still Store.Corrupt.
   */
  @Test
  void keysReadBackByTextKeepTheirNamesAndABadTextIsStillCorrupt() {
    KeyPairRecord a = add("a", 1, Map.of());
    assertThat(r.find("a").orElseThrow()).isEqualTo(a);
    Scope scope = new Scope("paged", "r1");
    StoredKeyPair stored = store.keyPairs(scope, "", 10).get(0);
    assertThat(store.insertKeyPair(scope, copy(stored, "id-twin", "twin", stored.publicKey()), 100))
        .isEqualTo(KeyPairStore.InsertOutcome.INSERTED);
    KeyPairRecord twin = r.findById("id-twin").orElseThrow();
    assertThat(twin.publicKey().keyData()).isEqualTo(a.publicKey().keyData());
    assertThat(twin.publicKey().comment()).isEqualTo(Comment.of("twin"));
    assertThat(r.find("a").orElseThrow().publicKey().comment()).isEqualTo(Comment.of("a"));
    String bad = stored.publicKey().substring(0, stored.publicKey().length() - 8) + "!!!!!!!!";
    store.insertKeyPair(scope, copy(stored, "id-bad", "bad", bad), 100);
    assertThatThrownBy(() -> r.findById("id-bad")).isInstanceOfSatisfying(KeyPairException.class,
        e -> assertThat(e.code()).isEqualTo(StoreErrors.CORRUPT));
  }

  /**
   * Issue 8: a lookup by fingerprint among EC2's quota of 5,000 key pairs is one indexed read of the store, which
   * returns the one key pair found, never a scan of the region (the in-memory store's map; SQLite's index, in
   * {@code SqliteQueryPlanTest}).
   */
  @Test
  void aLookupByFingerprintAmongFiveThousandReadsOnlyTheKeyPairItFinds() {
    List<String> calls = new ArrayList<>();
    InMemoryKeyPairStore inner = InMemoryKeyPairStore.create();
    KeyPairStore counting = (KeyPairStore) Proxy.newProxyInstance(KeyPairStore.class.getClassLoader(),
        new Class<?>[] {KeyPairStore.class}, (proxy, method, args) -> {
          calls.add(method.getName());
          try {
            return method.invoke(inner, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    KeyPairRegistry ec2 = ContractSupport.registry(counting, ProviderProfiles.AWS_EC2, "eu-west-1");
    List<String> fingerprints = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      fingerprints.add(ec2.importKey("k" + i, ed25519(i), PublicKeyFormat.OPENSSH, Map.of()).fingerprint());
    }
    assertThat(ec2.count()).isEqualTo(5000);
    for (int i : new int[] {0, 2500, 4999}) {
      calls.clear();
      assertThat(ec2.findByFingerprint(fingerprints.get(i))).singleElement()
          .satisfies(k -> assertThat(k.name()).isEqualTo("k" + i));
      assertThat(calls).containsExactly("keyPairsByFingerprintKey");
    }
  }

  private static StoredKeyPair copy(StoredKeyPair k, String id, String name, String publicKey) {
    return new StoredKeyPair(id, name, name, k.type(), k.bits(), k.fingerprint(), k.fingerprintKey(), k.origin(),
        k.created(), k.tags(), publicKey, null);
  }

  @Test
  void anExactlyFullPageHasNoTokenWhenNothingFollows() {
    for (String n : List.of("a", "b", "c")) {
      add(n, 0, Map.of());
    }
    assertThat(r.list(KeyPairQuery.all()).nextPageToken()).isEmpty();
    assertThat(r.list(KeyPairQuery.builder().pageSize(2).build()).nextPageToken()).isPresent();
  }

  @Test
  void refusesTokensItDidNotGiveOut() {
    add("a", 0, Map.of());
    String foreign = Base64.getUrlEncoder().encodeToString("2:a".getBytes(StandardCharsets.UTF_8));
    for (String bad : List.of("", "%%%", "not base64!", foreign, "A".repeat(5000))) {
      assertRefused(codes.invalidParameter(), () -> r.list(KeyPairQuery.builder().pageToken(bad).build()));
    }
  }

  @Test
  void filtersAreAndedAndCombineWithPaging() {
    add("a1", 0, Map.of("env", "prod", "team", "x"));
    add("a2", 1, Map.of("env", "prod"));
    add("a3", 0, Map.of("env", "dev", "team", "y"));
    add("b1", 0, Map.of("env", "prod", "team", "z"));
    add("b2", 0, Map.of());
    String fp = r.describe("a1").fingerprint();
    assertThat(names(r.listAll(KeyPairQuery.builder().tag("env", "prod").build()))).containsExactly("a1", "a2", "b1");
    assertThat(names(r.listAll(KeyPairQuery.builder().tagKey("team").build()))).containsExactly("a1", "a3", "b1");
    assertThat(names(r.listAll(KeyPairQuery.builder().tag("env", "prod").tagKey("team").namePattern("a*")
        .build()))).containsExactly("a1");
    assertThat(names(r.listAll(KeyPairQuery.builder().fingerprint(fp).pageSize(1).build())))
        .containsExactly("a1", "a3", "b1", "b2");
    assertThat(names(r.listAll(KeyPairQuery.builder().fingerprint(fp).tag("env", "prod").build())))
        .containsExactly("a1", "b1");
    assertThat(names(r.listAll(KeyPairQuery.builder().namePattern("*").build()))).hasSize(5);
    assertThat(names(r.listAll(KeyPairQuery.builder().namePattern("*2").build()))).containsExactly("a2", "b2");
    assertThat(names(r.listAll(KeyPairQuery.builder().namePattern("a**1").build()))).containsExactly("a1");
    assertThat(names(r.listAll(KeyPairQuery.builder().namePattern("?1").build()))).as("only * is special").isEmpty();
    // names and ids: one page, by name, each once, filters still applied
    List<KeyPairRecord> byNames = r.list(KeyPairQuery.builder().names("b1", "a1", "b1").ids(r.describe("a1").id())
        .build()).items();
    assertThat(names(byNames)).containsExactly("a1", "b1");
    assertThat(names(r.list(KeyPairQuery.builder().names("a1", "a2").tagKey("team").build()).items()))
        .containsExactly("a1");
  }

  @ParameterizedTest
  @CsvSource({"a*b*c, abc, true", "a*b*c, aXbYc, true", "a*b*c, acb, false", "*, '', true", "'', '', true",
      "'', a, false", "*a, bba, true", "*a, ab, false", "a*, a, true", "**, xyz, true", "a*a, a, false"})
  void globsMatchWithStarsOnly(String pattern, String text, boolean matches) {
    assertThat(Registries.globMatches(pattern, text)).isEqualTo(matches);
  }

  @Test
  void tagAddsAndReplacesUntagRemoves() {
    add("k", 0, Map.of("a", "1"));
    assertThat(r.tag("k", Map.of("a", "2", "b", "3")).tags()).containsExactly(Map.entry("a", "2"), Map.entry("b", "3"));
    assertThat(r.untag("k", List.of("a", "zzz")).tags()).containsExactly(Map.entry("b", "3"));
    assertThat(r.describe("k").tags()).containsExactly(Map.entry("b", "3"));
    assertRefused(codes.notFound(), () -> r.tag("nobody", Map.of("a", "1")));
    assertRefused(codes.notFound(), () -> r.untag("nobody", List.of("a")));
  }

  @Test
  void instancesHaveCheckedIdsAndAreUnique() {
    r.addInstance("i-0123.a_b", OsType.LINUX, InstanceState.RUNNING);
    assertRefused(codes.invalidParameter(), () -> r.addInstance("i-0123.a_b", OsType.LINUX, InstanceState.RUNNING));
    for (String bad : List.of("", "i 1", "i/1", "x".repeat(65), "i\n1")) {
      assertRefused(codes.invalidParameter(), () -> r.addInstance(bad, OsType.LINUX, InstanceState.RUNNING));
    }
    r.addInstance("x".repeat(64), OsType.WINDOWS, InstanceState.STOPPED);
    assertThat(r.instances()).extracting(Instance::id).containsExactly("i-0123.a_b", "x".repeat(64));
    assertRefused(codes.instanceNotFound(), () -> r.instance("i-404"));
    assertRefused(codes.instanceNotFound(), () -> r.restart("i-404"));
    assertRefused(codes.instanceNotFound(), () -> r.stop("i-404"));
    assertThat(r.findInstance("i-404")).isEmpty();
    Instance fresh = r.instance("i-0123.a_b");
    assertThat(fresh).isEqualTo(new Instance("i-0123.a_b", OsType.LINUX, InstanceState.RUNNING, Optional.empty(),
        Optional.empty(), false));
  }

  @Test
  void attachingTheBoundKeyAgainChangesNothing() {
    add("k", 0, Map.of());
    r.addInstance("i-1", OsType.LINUX, InstanceState.RUNNING);
    r.attach("k", List.of("i-1"));
    Instance before = r.instance("i-1");
    List<BindingResult> again = r.attach("k", List.of("i-1", "i-1"));
    assertThat(again).singleElement().satisfies(b -> assertThat(b.message()).contains("already"));
    assertThat(r.instance("i-1")).isEqualTo(before);
    assertThat(before.authorizedKeys()).isEqualTo(r.describe("k").publicKeyLine() + "\n");
  }

  @Test
  void aProfileWithoutBindingRefusesIt() {
    ProviderProfile p = PAGED.toBuilder().binding(false, false, 1, false).build();
    KeyPairRegistry nb = ContractSupport.registry(InMemoryKeyPairStore.create(), p, "r1");
    nb.importKey("k", ed25519(0), PublicKeyFormat.OPENSSH, Map.of());
    assertRefused(p.codes().unsupported(), () -> nb.attach("k", List.of("i-1")));
    assertRefused(p.codes().unsupported(), () -> nb.detach("k", List.of("i-1")));
  }

  @Test
  void idsComeFromTheInjectedGeneratorAndCollisionsAreRetried() {
    List<String> given = new ArrayList<>(List.of("kp-00000000000000001", "kp-00000000000000001",
        "kp-00000000000000002"));
    KeyPairRegistry fixed = ContractSupport.registry(InMemoryKeyPairStore.create(), PAGED, "r1",
        shape -> given.remove(0));
    assertThat(fixed.importKey("a", ed25519(0), PublicKeyFormat.OPENSSH, Map.of()).id())
        .isEqualTo("kp-00000000000000001");
    assertThat(fixed.importKey("b", ed25519(0), PublicKeyFormat.OPENSSH, Map.of()).id())
        .as("the taken id is skipped").isEqualTo("kp-00000000000000002");
    KeyPairRegistry stuck = ContractSupport.registry(store, PAGED, "r2", shape -> "kp-00000000000000001");
    stuck.importKey("a", ed25519(0), PublicKeyFormat.OPENSSH, Map.of());
    assertRefused(dev.keypair.core.ErrorCode.INTERNAL,
        () -> stuck.importKey("b", ed25519(0), PublicKeyFormat.OPENSSH, Map.of()));
    assertThat(IdGenerator.random().next(IdShape.hex("key-", 17))).matches("key-[0-9a-f]{17}");
    assertThat(IdGenerator.random().next(IdShape.decimal(8))).matches("[1-9][0-9]{7}");
    IdGenerator seq = IdGenerator.sequential();
    assertThat(seq.next(IdShape.hex("key-", 17))).isEqualTo("key-00000000000000001");
    assertThat(seq.next(IdShape.decimal(3))).isEqualTo("002");
    IdGenerator one = IdGenerator.sequential();
    for (int i = 1; i <= 9; i++) {
      one.next(IdShape.decimal(1));
    }
    assertThatThrownBy(() -> one.next(IdShape.decimal(1))).isInstanceOf(IllegalStateException.class);
    assertThat(IdShape.hex("key-", 17).matches("key-0123456789abcdef0")).isTrue();
    assertThat(IdShape.hex("key-", 17).matches("key-0123456789ABCDEF0")).isFalse();
    assertThat(IdShape.decimal(3).matches("12a")).isFalse();
  }

  @Test
  void theRegistryAnswersWithItsProfileAndRegion() {
    assertThat(r.profile()).isSameAs(PAGED);
    assertThat(r.region()).isEqualTo(Region.of("r1"));
    assertThatThrownBy(() -> Region.of("eu west")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Region.of("x".repeat(65))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ProviderProfile.builder("Bad Id")).isInstanceOf(IllegalArgumentException.class);
  }
}
