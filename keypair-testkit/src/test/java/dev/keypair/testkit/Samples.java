package dev.keypair.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.sessions.JqwikSession;

/**
 * Values of an arbitrary drawn from a fixed seed, with jqwik's edge cases mixed in as a property would get them,
 * for tests that check what a generator covers: the same values on every run, so such a test cannot flake.
 * (jqwik's {@code sampleStream()} draws from a new seed each time.) For JUnit tests, outside a property.
 */
final class Samples {

  private static final long SEED = 42;

  private Samples() {}

  static <T> List<T> of(Arbitrary<T> arbitrary, int count) {
    JqwikSession.start();
    try {
      RandomGenerator<T> generator = arbitrary.generatorWithEmbeddedEdgeCases(1000);
      Random random = new Random(SEED);
      List<T> values = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        values.add(generator.next(random).value());
      }
      return values;
    } finally {
      JqwikSession.finish();
    }
  }
}
