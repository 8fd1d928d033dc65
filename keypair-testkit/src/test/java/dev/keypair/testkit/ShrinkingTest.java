package dev.keypair.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.fingerprint.Fingerprints;
import dev.keypair.store.OsType;
import dev.keypair.store.ProviderProfiles;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Shrinkable;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.Test;

/**
 * What the testkit's values shrink to, found as jqwik finds it: from a generated value that fails a check,
 * step to the first smaller candidate that still fails, until none does.
 */
class ShrinkingTest {

  private static final int MAX_STEPS = 2000;
  private static final int MAX_CANDIDATES = 500;

  /** The value a failing property on {@code arbitrary} shrinks to, where {@code fails} says which values fail. */
  private static <T> T shrunk(Arbitrary<T> arbitrary, Predicate<T> fails) {
    JqwikSession.start();
    try {
      return shrunkInSession(arbitrary, fails);
    } finally {
      JqwikSession.finish();
    }
  }

  private static <T> T shrunkInSession(Arbitrary<T> arbitrary, Predicate<T> fails) {
    RandomGenerator<T> generator = arbitrary.generator(1000);
    Random random = new Random(42);
    Shrinkable<T> current = generator.next(random);
    for (int i = 0; !fails.test(current.value()); i++) {
      assertThat(i).as("no failing value generated").isLessThan(1000);
      current = generator.next(random);
    }
    for (int step = 0; step < MAX_STEPS; step++) {
      Optional<Shrinkable<T>> smaller = current.shrink().limit(MAX_CANDIDATES).filter(s -> fails.test(s.value()))
          .findFirst();
      if (smaller.isEmpty()) {
        return current.value();
      }
      current = smaller.get();
    }
    throw new AssertionError("still shrinking after " + MAX_STEPS + " steps: " + current.value());
  }

  @Test
  void validNamesShrinkToTheShortestLowerCaseName() {
    assertThat(shrunk(KeyPairNames.valid(ProviderProfiles.AWS_EC2), n -> true)).isEqualTo("a");
    assertThat(shrunk(KeyPairNames.valid(ProviderProfiles.ALIBABA_ECS), n -> true)).isEqualTo("aa");
    assertThat(shrunk(KeyPairNames.valid(ProviderProfiles.AWS_EC2), n -> n.contains("-"))).isEqualTo("-");
    assertThat(shrunk(KeyPairNames.valid(ProviderProfiles.ALIBABA_ECS), n -> n.length() > 5)).isEqualTo("aaaaaa");
  }

  @Test
  void invalidNamesShrinkToTheEmptyName() {
    assertThat(shrunk(KeyPairNames.invalid(ProviderProfiles.ALIBABA_ECS), n -> true)).isEmpty();
    assertThat(shrunk(KeyPairNames.invalid(ProviderProfiles.AWS_EC2), n -> true)).isEmpty();
  }

  @Test
  void spellingsShrinkToSshKeygensSpellingOfTheFirstKey() {
    assertThat(shrunk(FingerprintSpellings.spellings(), s -> true).text())
        .isEqualTo(Fingerprints.sha256(SeedKeys.ed25519(0).publicKey().keyData()).value());
    assertThat(shrunk(FingerprintSpellings.spellings(), s -> s.text().startsWith("MD5:")).text())
        .isEqualTo(Fingerprints.md5(SeedKeys.ed25519(0).publicKey().keyData()).value());
  }

  @Test
  void sequencesShrinkToTheOneOperationThatFailsOnTheFirstName() {
    List<RegistryOperation> delete = shrunk(RegistryOperations.sequences(ProviderProfiles.HETZNER),
        s -> s.stream().anyMatch(op -> op instanceof RegistryOperation.Delete));
    assertThat(delete).containsExactly(new RegistryOperation.AddInstance("i-1", OsType.LINUX),
        new RegistryOperation.AddInstance("i-2", OsType.WINDOWS), new RegistryOperation.Delete(List.of("a")));
    List<RegistryOperation> none = shrunk(RegistryOperations.sequences(ProviderProfiles.DIGITALOCEAN), s -> true);
    assertThat(none).containsExactly(new RegistryOperation.AddInstance("i-1", OsType.LINUX),
        new RegistryOperation.AddInstance("i-2", OsType.WINDOWS));
  }
}
