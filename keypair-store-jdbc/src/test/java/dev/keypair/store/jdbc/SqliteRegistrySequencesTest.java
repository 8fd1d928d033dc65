package dev.keypair.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.Comment;
import dev.keypair.core.KeyGenerator;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.SshPublicKey;
import dev.keypair.store.IdGenerator;
import dev.keypair.store.InMemoryKeyPairStore;
import dev.keypair.store.KeyPairQuery;
import dev.keypair.store.KeyPairRecord;
import dev.keypair.store.KeyPairRegistry;
import dev.keypair.store.ProviderProfile;
import dev.keypair.store.Region;
import dev.keypair.store.spi.KeyPairStore;
import dev.keypair.testkit.KeyPairNames;
import dev.keypair.testkit.RegistryOperation;
import dev.keypair.testkit.RegistryOperations;
import dev.keypair.testkit.RegistryOutcome;
import dev.keypair.testsupport.TestKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * keypair-testkit's registry operation sequences on the SQLite store and the in-memory store side by side,
 * for every seeded profile: every operation has the same outcome on both, and both list the same key pairs,
 * also after the SQLite file is closed and opened again.
 */
class SqliteRegistrySequencesTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-06T07:08:09.123Z"), ZoneOffset.UTC);
  private static Path dir;
  private static int counter;

  @BeforeContainer
  static void makeDirectory() throws IOException {
    dir = Files.createTempDirectory("keypair-sequences");
  }

  @AfterContainer
  static void removeDirectory() throws IOException {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> {
        try {
          Files.delete(f);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  /** Ed25519 keys from seeds, and ssh-keygen's ECDSA P-256 and 2048-bit RSA keys: each seeded profile takes some. */
  private static Arbitrary<SshPublicKey> keys() {
    return Arbitraries.oneOf(Arbitraries.integers().between(0, 3).map(i -> SshPublicKey.of(TestKeys.ed25519(i))),
        Arbitraries.of("ecdsa256", "rsa2048").map(f -> SshPublicKey.of(TestKeys.fixtureKey(f), Comment.none())));
  }

  @Provide
  Arbitrary<Tuple2<ProviderProfile, List<RegistryOperation>>> sequences() {
    return KeyPairNames.profiles().flatMap(p -> RegistryOperations.sequences(p, keys()).map(s -> Tuple.of(p, s)));
  }

  @Property(tries = 60)
  void theSqliteStoreAnswersEverySequenceAsTheInMemoryStore(
      @ForAll("sequences") Tuple2<ProviderProfile, List<RegistryOperation>> sample) {
    ProviderProfile profile = sample.get1();
    Path file = dir.resolve("registry-" + (++counter) + ".db");
    KeyPairRegistry memory = registry(InMemoryKeyPairStore.create(), profile);
    KeyPairStore sqlite = JdbcKeyPairStore.openSqlite(file);
    try {
      KeyPairRegistry disk = registry(sqlite, profile);
      for (RegistryOperation op : sample.get2()) {
        RegistryOutcome expected = op.apply(memory);
        assertThat(op.apply(disk)).isEqualTo(expected);
      }
      assertSameContents(disk, memory);
      sqlite.close();
      sqlite = JdbcKeyPairStore.openSqlite(file);
      assertSameContents(registry(sqlite, profile), memory);
    } finally {
      sqlite.close();
    }
  }

  /** A registry with a fixed clock, sequential ids, and keys generated from one seed, so both stores make the same. */
  private static KeyPairRegistry registry(KeyPairStore store, ProviderProfile profile) {
    SecureRandom random;
    try {
      random = SecureRandom.getInstance("SHA1PRNG");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    random.setSeed(7);
    return KeyPairRegistry.builder(store, profile, Region.of("eu-west-1")).clock(CLOCK).ids(IdGenerator.sequential())
        .keyGenerator(KeyGenerator.create(random, KeyPairLimits.defaults())).build();
  }

  private static void assertSameContents(KeyPairRegistry actual, KeyPairRegistry expected) {
    List<KeyPairRecord> want = expected.listAll(KeyPairQuery.all());
    List<KeyPairRecord> got = actual.listAll(KeyPairQuery.all());
    assertThat(got.stream().map(KeyPairRecord::name)).containsExactlyElementsOf(want.stream().map(KeyPairRecord::name)
        .toList());
    for (int i = 0; i < want.size(); i++) {
      KeyPairRecord w = want.get(i);
      KeyPairRecord g = got.get(i);
      assertThat(List.of(g.id(), g.fingerprint(), g.publicKeyLine(), g.origin(), g.created(), g.tags()))
          .isEqualTo(List.of(w.id(), w.fingerprint(), w.publicKeyLine(), w.origin(), w.created(), w.tags()));
    }
    assertThat(actual.instances()).isEqualTo(expected.instances());
  }
}
