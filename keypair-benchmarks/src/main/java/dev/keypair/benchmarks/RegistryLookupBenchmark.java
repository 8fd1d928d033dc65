package dev.keypair.benchmarks;

import dev.keypair.store.KeyPairRecord;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code KeyPairRegistry.findByFingerprint} in an {@code aws-ec2} region holding {@code size} key pairs (500 and
 * 5,000, EC2's quota), in-memory and SQLite, each call the next key's fingerprint in turn (every lookup finds one
 * record). Target (issue 8): O(1) or O(log n), not a scan: the 5,000 score within a small factor of the 500 one
 * (a scan would be ten times slower).
 *
 * <p>Run alone: {@code java -jar keypair-benchmarks/target/benchmarks.jar RegistryLookupBenchmark}
 * (the whole suite: {@code keypair-benchmarks/run}).
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 2, time = 1)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RegistryLookupBenchmark {

  @Param({"memory", "sqlite"})
  public String store;

  @Param({"500", "5000"})
  public int size;

  RegistryFixture fixture;
  List<String> fingerprints;
  private int next;

  @Setup
  public void fill() {
    fixture = new RegistryFixture(store);
    fingerprints = fixture.importAll(RegistryFixture.publicKeyLines(size));
  }

  @TearDown
  public void close() {
    fixture.close();
  }

  @Benchmark
  public List<KeyPairRecord> findByFingerprint() {
    String fingerprint = fingerprints.get(next);
    next = (next + 1) % fingerprints.size();
    return fixture.registry.findByFingerprint(fingerprint);
  }
}
