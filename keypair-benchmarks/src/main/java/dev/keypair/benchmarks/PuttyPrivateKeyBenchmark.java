package dev.keypair.benchmarks;

import dev.keypair.core.Passphrase;
import dev.keypair.formats.DecodedPrivateKey;
import dev.keypair.formats.PuttyPrivateKeys;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.putty.PuttyKeyUtils;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * A PPK version 3 file encrypted with PuTTY's default Argon2 parameters (Argon2id, 8192 KiB, 34 passes, one lane:
 * {@code KeyProtection}'s defaults), Ed25519 and RSA 2048, written at set-up by keypair, read into a key. keypair:
 * {@link PuttyPrivateKeys#decode}; MINA: {@code PuttyKeyUtils.DEFAULT_INSTANCE} (sshd-putty 2.19.0, the last
 * release, on sshd-common 2.20.0). BouncyCastle has no PPK reader. Argon2 dominates. Target (issue 8): keypair at
 * least as fast as the fastest anchor.
 *
 * <p>Run alone: {@code java -jar keypair-benchmarks/target/benchmarks.jar PuttyPrivateKeyBenchmark}
 * (the whole suite: {@code keypair-benchmarks/run}).
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 2, time = 1)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PuttyPrivateKeyBenchmark {

  @Param({"ed25519", "rsa2048"})
  public String keyType;

  byte[] text;
  Passphrase passphrase;

  @Setup
  public void setUp() {
    text = PrivateKeyFiles.ppk(PrivateKeyFiles.key(keyType));
    passphrase = PrivateKeyFiles.passphrase();
  }

  @Benchmark
  public DecodedPrivateKey keypair() {
    return PuttyPrivateKeys.decode(text, passphrase);
  }

  @Benchmark
  public Collection<KeyPair> mina() throws IOException, GeneralSecurityException {
    return PrivateKeyFiles.mina(PuttyKeyUtils.DEFAULT_INSTANCE, text, true);
  }
}
