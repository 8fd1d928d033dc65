package dev.keypair.benchmarks;

import dev.keypair.core.PrivateKeyData;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.formats.DecodedPrivateKey;
import dev.keypair.formats.PemPrivateKeys;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.sshd.common.config.keys.loader.pem.PEMResourceParserUtils;
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
 * An unencrypted PEM private key read into a key: PKCS#1 ({@code RSA PRIVATE KEY}; for ECDSA its SEC1 sibling
 * {@code EC PRIVATE KEY}) and PKCS#8 ({@code PRIVATE KEY}), for RSA 2048 and ECDSA P-256, written at set-up by
 * keypair from keys made from {@link Inputs#SEED}. keypair: {@link PemPrivateKeys#decode}; MINA: its own PEM
 * parsers ({@code PEMResourceParserUtils.PROXY}: RSA, ECDSA and PKCS#8); BouncyCastle: {@code PEMParser} then
 * {@code JcaPEMKeyConverter} (a JCA key pair for PKCS#1/SEC1, a private key alone for PKCS#8). Target (issue 8):
 * keypair at least as fast as the fastest anchor.
 *
 * <p>Run alone: {@code java -jar keypair-benchmarks/target/benchmarks.jar PemPrivateKeyBenchmark}
 * (the whole suite: {@code keypair-benchmarks/run}).
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 2, time = 1)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PemPrivateKeyBenchmark {

  /** {@code structure-keyType}. */
  @Param({"pkcs1-rsa2048", "pkcs8-rsa2048", "pkcs1-ecdsa256", "pkcs8-ecdsa256"})
  public String file;

  byte[] text;
  Supplier<PrivateKeyData> check;

  @Setup
  public void setUp() {
    String[] f = file.split("-");
    SshPrivateKey key = PrivateKeyFiles.key(f[1]);
    text = PrivateKeyFiles.pem(key, f[0]);
    check = PrivateKeyFiles.check(key);
  }

  /** keypair's consistency check of the file's key alone ({@link PrivateKeyFiles#check}), no parsing. */
  @Benchmark
  public PrivateKeyData keyCheck() {
    return check.get();
  }

  @Benchmark
  public DecodedPrivateKey keypair() {
    return PemPrivateKeys.decode(text, null);
  }

  @Benchmark
  public Collection<KeyPair> mina() throws IOException, GeneralSecurityException {
    return PrivateKeyFiles.mina(PEMResourceParserUtils.PROXY, text, false);
  }

  @Benchmark
  public Object bc() throws IOException {
    return PrivateKeyFiles.bc(text);
  }
}
