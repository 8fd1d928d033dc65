package dev.keypair.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * 5,000 public keys ({@link RegistryFixture#publicKeyLines}, OpenSSH lines) imported one call each
 * ({@code KeyPairRegistry.importPublicKey}: parse, the provider's checks, fingerprint, store) into one empty
 * {@code aws-ec2} region, which then holds EC2's quota; on the in-memory store and on the SQLite store (a new
 * file in a temporary folder; one transaction per import, as a tool calling the registry makes). One measured
 * call is the whole 5,000 (single shot, a fresh store each call); the score is per key. No anchor: neither
 * MINA nor BouncyCastle has a registry.
 *
 * <p>Run alone: {@code java -jar keypair-benchmarks/target/benchmarks.jar RegistryImportBenchmark}
 * (the whole suite: {@code keypair-benchmarks/run}).
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RegistryImportBenchmark {

  @Param({"memory", "sqlite"})
  public String store;

  List<byte[]> lines;
  RegistryFixture fixture;

  @Setup(Level.Trial)
  public void makeKeys() {
    lines = RegistryFixture.publicKeyLines(RegistryFixture.QUOTA);
  }

  @Setup(Level.Invocation)
  public void openStore() {
    fixture = new RegistryFixture(store);
  }

  @TearDown(Level.Invocation)
  public void closeStore() {
    fixture.close();
  }

  @Benchmark
  @OperationsPerInvocation(RegistryFixture.QUOTA)
  public List<String> importQuota() {
    return fixture.importAll(lines);
  }
}
