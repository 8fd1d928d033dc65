package dev.keypair.benchmarks;

import dev.keypair.core.Passphrase;
import dev.keypair.formats.DecodedPrivateKey;
import dev.keypair.formats.OpenSshPrivateKeys;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.config.keys.loader.openssh.OpenSSHKeyPairResourceParser;
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
 * An {@code openssh-key-v1} private key file read into a key, Ed25519 and RSA 2048, unencrypted ({@code rounds=0})
 * and encrypted with aes256-ctr and bcrypt_pbkdf at 16 (ssh-keygen's default) and 24 rounds (keypair's), written
 * at set-up by keypair. keypair: {@link OpenSshPrivateKeys#decode}; MINA: {@code OpenSSHKeyPairResourceParser}.
 * BouncyCastle cannot read an encrypted openssh-key-v1 file (its {@code OpenSSHPrivateKeyUtil} takes only the
 * unencrypted blob); it reads the unencrypted ones in {@link OpenSshPlainPrivateKeyBenchmark}. The encrypted
 * cases are dominated by bcrypt_pbkdf, so they compare KDF implementations. Target (issue 8): keypair at least as
 * fast as the fastest anchor.
 *
 * <p>Run alone: {@code java -jar keypair-benchmarks/target/benchmarks.jar OpenSshPrivateKeyBenchmark}
 * (the whole suite: {@code keypair-benchmarks/run}).
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 2, time = 1)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class OpenSshPrivateKeyBenchmark {

  @Param({"ed25519", "rsa2048"})
  public String keyType;

  /** bcrypt_pbkdf rounds; 0 for an unencrypted file. */
  @Param({"0", "16", "24"})
  public int rounds;

  byte[] text;
  Passphrase passphrase;

  @Setup
  public void setUp() {
    text = PrivateKeyFiles.openSsh(PrivateKeyFiles.key(keyType), rounds);
    passphrase = rounds == 0 ? null : PrivateKeyFiles.passphrase();
  }

  @Benchmark
  public DecodedPrivateKey keypair() {
    return OpenSshPrivateKeys.decode(text, passphrase);
  }

  @Benchmark
  public Collection<KeyPair> mina() throws IOException, GeneralSecurityException {
    return PrivateKeyFiles.mina(OpenSSHKeyPairResourceParser.INSTANCE, text, rounds != 0);
  }
}
