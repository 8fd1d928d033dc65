package dev.keypair.benchmarks;

import dev.keypair.core.Ed25519KeyData;
import dev.keypair.core.InsecureSecretAccess;
import dev.keypair.core.KeyData;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.fingerprint.AwsFingerprints;
import dev.keypair.fingerprint.Fingerprints;
import java.security.PublicKey;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The fingerprints of one RSA 2048 key pair (from {@link Inputs#SEED}), each spelled as shown to people:
 * {@code SHA256:...} and {@code MD5:..} of the SSH blob, AWS's imported-key fingerprint (MD5 of the DER
 * SubjectPublicKeyInfo, colon hex) and AWS's created-key fingerprint (SHA-1 of the DER PKCS#8 private key, colon
 * hex). keypair ({@link Fingerprints}, {@link AwsFingerprints}) from its parsed key; MINA
 * ({@code KeyUtils.getFingerPrint}) from the JCA public key, for the two it has; the floor: the digest alone of
 * bytes made once at set-up (the blob, the SPKI DER, the PKCS#8 DER), not spelled.
 *
 * <p>A keypair key keeps its SHA-256 once computed (a file that repeats a key gives the same key object), so
 * {@code keypairSha256}, which fingerprints the same key object on every call, measures the spelling of a kept
 * digest. {@code keypairSha256New} measures a key's first fingerprint: an Ed25519 key made from its 32 bytes on
 * each call (a cheap key to make: no check beyond the length), beside the floor's SHA-256 of the same blob.
 *
 * <p>Run alone: {@code java -jar keypair-benchmarks/target/benchmarks.jar FingerprintBenchmark}
 * (the whole suite: {@code keypair-benchmarks/run}).
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 2, time = 1)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FingerprintBenchmark {

  SshPrivateKey privateKey;
  KeyData key;
  PublicKey jca;
  byte[] blob;
  byte[] ed25519Key;
  byte[] ed25519Blob;
  byte[] spki;
  byte[] pkcs8;

  @Setup
  public void setUp() {
    privateKey = new Inputs.Keys(Inputs.SEED).privateKey("rsa2048");
    key = privateKey.publicKey().keyData();
    jca = key.toJcaPublicKey();
    blob = key.blob().toByteArray();
    spki = jca.getEncoded();
    pkcs8 = privateKey.toJcaKeyPair(InsecureSecretAccess.get()).getPrivate().getEncoded();
    Ed25519KeyData ed25519 = (Ed25519KeyData) new Inputs.Keys(Inputs.SEED).publicKey("ed25519");
    ed25519Key = ed25519.keyBytes();
    ed25519Blob = ed25519.blob().toByteArray();
  }

  @Benchmark
  public String keypairSha256() {
    return Fingerprints.sha256(key).value();
  }

  @Benchmark
  public String minaSha256() {
    return KeyUtils.getFingerPrint(BuiltinDigests.sha256, jca);
  }

  @Benchmark
  public byte[] floorSha256() {
    return Floor.digest("SHA-256").digest(blob);
  }

  @Benchmark
  public String keypairSha256New() {
    return Fingerprints.sha256(Ed25519KeyData.of(ed25519Key)).value();
  }

  @Benchmark
  public byte[] floorSha256New() {
    return Floor.digest("SHA-256").digest(ed25519Blob);
  }

  @Benchmark
  public String keypairMd5() {
    return Fingerprints.md5(key).value();
  }

  @Benchmark
  public String minaMd5() {
    return KeyUtils.getFingerPrint(BuiltinDigests.md5, jca);
  }

  @Benchmark
  public byte[] floorMd5() {
    return Floor.digest("MD5").digest(blob);
  }

  @Benchmark
  public String keypairAwsImported() {
    return AwsFingerprints.imported(key).value();
  }

  @Benchmark
  public byte[] floorAwsImported() {
    return Floor.digest("MD5").digest(spki);
  }

  @Benchmark
  public String keypairAwsCreated() {
    return AwsFingerprints.created(privateKey).value();
  }

  @Benchmark
  public byte[] floorAwsCreated() {
    return Floor.digest("SHA-1").digest(pkcs8);
  }
}
