package dev.keypair.benchmarks;

import dev.keypair.core.PrivateKeyData;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.formats.DecodedPrivateKey;
import dev.keypair.formats.OpenSshPrivateKeys;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.OpenSSHPrivateKeyUtil;
import org.bouncycastle.util.io.pem.PemReader;
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
 * BouncyCastle's side of the unencrypted {@code openssh-key-v1} cases of {@link OpenSshPrivateKeyBenchmark} (the
 * same files): its {@code PemReader} then {@code OpenSSHPrivateKeyUtil.parsePrivateKeyBlob}. A class of its own
 * because BouncyCastle has no reader for the encrypted cases; keypair runs here again so that the ratio comes from
 * one fork's pair.
 *
 * <p>Run alone: {@code java -jar keypair-benchmarks/target/benchmarks.jar OpenSshPlainPrivateKeyBenchmark}
 * (the whole suite: {@code keypair-benchmarks/run}).
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 2, time = 1)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class OpenSshPlainPrivateKeyBenchmark {

  @Param({"ed25519", "rsa2048"})
  public String keyType;

  byte[] text;
  Supplier<PrivateKeyData> check;

  @Setup
  public void setUp() {
    SshPrivateKey key = PrivateKeyFiles.key(keyType);
    text = PrivateKeyFiles.openSsh(key, 0);
    check = PrivateKeyFiles.check(key);
  }

  /** keypair's consistency check of the file's key alone ({@link PrivateKeyFiles#check}), no parsing. */
  @Benchmark
  public PrivateKeyData keyCheck() {
    return check.get();
  }

  @Benchmark
  public DecodedPrivateKey keypair() {
    return OpenSshPrivateKeys.decode(text, null);
  }

  @Benchmark
  public AsymmetricKeyParameter bc() throws IOException {
    return bc(text);
  }

  static AsymmetricKeyParameter bc(byte[] text) throws IOException {
    try (PemReader reader = new PemReader(new StringReader(new String(text, StandardCharsets.US_ASCII)))) {
      return OpenSSHPrivateKeyUtil.parsePrivateKeyBlob(reader.readPemObject().getContent());
    }
  }
}
