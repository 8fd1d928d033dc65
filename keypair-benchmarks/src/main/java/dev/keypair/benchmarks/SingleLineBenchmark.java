package dev.keypair.benchmarks;

import dev.keypair.core.SshPublicKey;
import dev.keypair.formats.OpenSshPublicKeys;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.OpenSSHPublicKeyUtil;
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
 * One OpenSSH public key line ({@code type base64 comment}) read into a key, per key type: keypair's
 * {@link OpenSshPublicKeys#parse(String)}, MINA's {@code PublicKeyEntry.parsePublicKeyEntry(line)
 * .resolvePublicKey(null, null, PublicKeyEntryResolver.FAILING)}, BouncyCastle's
 * {@code OpenSSHPublicKeyUtil.parsePublicKey} on the Base64-decoded blob (the line split as the floor splits it),
 * and the floor: the split and Base64 decode alone, and with SHA-256 of the blob. The same line every call, made
 * from {@link Inputs#SEED}. Target (issue 8): keypair at least 3 times MINA's throughput for every key type.
 *
 * <p>Run alone: {@code java -jar keypair-benchmarks/target/benchmarks.jar SingleLineBenchmark}
 * (the whole suite: {@code keypair-benchmarks/run}).
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 2, time = 1)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SingleLineBenchmark {

  /** The key type of the line. */
  @Param({"rsa2048", "rsa4096", "ecdsa256", "ecdsa384", "ecdsa521", "ed25519"})
  public String keyType;

  String line;

  @Setup
  public void setUp() {
    line = Inputs.line(keyType);
  }

  @Benchmark
  public SshPublicKey keypair() {
    return OpenSshPublicKeys.parse(line);
  }

  @Benchmark
  public PublicKey mina() throws IOException, GeneralSecurityException {
    return PublicKeyEntry.parsePublicKeyEntry(line).resolvePublicKey(null, null, PublicKeyEntryResolver.FAILING);
  }

  @Benchmark
  public AsymmetricKeyParameter bc() {
    return OpenSSHPublicKeyUtil.parsePublicKey(Base64.getDecoder().decode(Floor.blobField(line)));
  }

  @Benchmark
  public byte[] floorDecode() {
    return Floor.decode(line);
  }

  @Benchmark
  public byte[] floorSha256() {
    return Floor.digest("SHA-256").digest(Floor.decode(line));
  }
}
