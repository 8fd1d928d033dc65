package dev.keypair.benchmarks;

import dev.keypair.core.KeyData;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.fingerprint.Fingerprint;
import dev.keypair.fingerprint.Fingerprints;
import dev.keypair.formats.AuthorizedKeyEntry;
import dev.keypair.formats.AuthorizedKeys;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.bouncycastle.crypto.util.OpenSSHPublicKeyUtil;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A 10,000-line {@code authorized_keys} file ({@link Inputs#authorizedKeys}: half RSA 2048/3072/4096, a quarter
 * Ed25519, a quarter ECDSA P-256/P-384/P-521, options on some lines, comments on most, 20 {@code #} lines) read
 * and every key fingerprinted with SHA-256. {@code keys=repeated}: 48 keys in turn; {@code keys=distinct}: every
 * key different, as in a fleet.
 *
 * <p>Sides: keypair ({@link AuthorizedKeys#stream} and {@link Fingerprints#sha256}); MINA
 * ({@code AuthorizedKeyEntry.readAuthorizedKeys}, {@code resolvePublicKey}, {@code KeyUtils.getFingerPrint(
 * BuiltinDigests.sha256, key)}); BouncyCastle (each line split as the floor splits it, the blob decoded and given
 * to {@code OpenSSHPublicKeyUtil.parsePublicKey}, then SHA-256 of the blob: BouncyCastle has no line reader and no
 * fingerprint); the floor (split, {@link Base64} decode, SHA-256; {@link Floor}).
 *
 * <p><b>Normalisation.</b> Every score is key lines per second ({@code @OperationsPerInvocation}). keypair and the
 * floor read the whole file in each call (10,000 key lines). MINA and BouncyCastle test every new RSA modulus for
 * primality (milliseconds each), so on distinct keys the whole file would take a minute a call; they read the same
 * file {@value #PIECE} key lines a call instead, the next piece each call, in order ({@link Inputs#pieces}), so
 * within a fork no line is read twice before all 10,000 have been (a piece has the file's mix: 200 is a
 * multiple of the 16-line period). A run long enough to wrap around reads moduli the anchors have seen before,
 * which can only flatter them. The repeated file is read the same way by the anchors, for a like-for-like
 * score.
 *
 * <p>Targets (issue 8): keypair at least 10 times MINA's throughput, and at least half the floor's.
 *
 * <p>{@code floorAndKeyCheck} is the floor plus {@link KeyData#fromBlob} of each decoded blob: keypair's key
 * decoding with its validation (RSA modulus without prime factors below 256, ECDSA point on its curve, sizes),
 * and nothing of its line parsing. No reader that reads lines at least as fast as the floor and validates keys as
 * keypair does can go faster, so its ratio to the floor bounds keypair's.
 *
 * <p>Run alone: {@code java -jar keypair-benchmarks/target/benchmarks.jar AuthorizedKeysBenchmark}
 * (the whole suite: {@code keypair-benchmarks/run}).
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 2, time = 1)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AuthorizedKeysBenchmark {

  /** Key lines a call of MINA or BouncyCastle reads. */
  static final int PIECE = 200;

  /** Whether every key is different, or {@link Inputs#REPEATED_POOL} keys are repeated. */
  @Param({"repeated", "distinct"})
  public String keys;

  byte[] file;
  List<byte[]> pieces;
  private int next;

  @Setup
  public void setUp() {
    file = Inputs.authorizedKeys(keys.equals("distinct"));
    pieces = Inputs.pieces(file, PIECE);
  }

  private byte[] nextPiece() {
    byte[] piece = pieces.get(next);
    next = (next + 1) % pieces.size();
    return piece;
  }

  @Benchmark
  @OperationsPerInvocation(Inputs.FILE_LINES)
  public void keypair(Blackhole bh) {
    keypair(file, bh::consume);
  }

  @Benchmark
  @OperationsPerInvocation(PIECE)
  public void mina(Blackhole bh) throws IOException, GeneralSecurityException {
    mina(nextPiece(), bh::consume);
  }

  @Benchmark
  @OperationsPerInvocation(PIECE)
  public void bc(Blackhole bh) {
    bc(nextPiece(), bh::consume, bh::consume);
  }

  @Benchmark
  @OperationsPerInvocation(Inputs.FILE_LINES)
  public void floor(Blackhole bh) {
    floor(file, bh::consume);
  }

  static void keypair(byte[] file, Consumer<Fingerprint> out) {
    try (Stream<dev.keypair.formats.AuthorizedKeysLine> lines =
        AuthorizedKeys.stream(new ByteArrayInputStream(file), KeyPairLimits.defaults())) {
      lines.forEach(line -> {
        if (line instanceof AuthorizedKeyEntry entry) {
          out.accept(Fingerprints.sha256(entry.key().keyData()));
        }
      });
    }
  }

  static void mina(byte[] file, Consumer<String> out) throws IOException, GeneralSecurityException {
    for (org.apache.sshd.common.config.keys.AuthorizedKeyEntry entry
        : org.apache.sshd.common.config.keys.AuthorizedKeyEntry.readAuthorizedKeys(new ByteArrayInputStream(file), true)) {
      out.accept(KeyUtils.getFingerPrint(BuiltinDigests.sha256,
          entry.resolvePublicKey(null, Collections.emptyMap(), PublicKeyEntryResolver.FAILING)));
    }
  }

  static void bc(byte[] file, Consumer<byte[]> out, Consumer<Object> keys) {
    MessageDigest sha256 = Floor.digest("SHA-256");
    for (String line : Inputs.lines(file)) {
      String field = Floor.blobField(line);
      if (field != null) {
        byte[] blob = Base64.getDecoder().decode(field);
        keys.accept(OpenSSHPublicKeyUtil.parsePublicKey(blob));
        out.accept(sha256.digest(blob));
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(Inputs.FILE_LINES)
  public void floorAndKeyCheck(Blackhole bh) {
    floorAndKeyCheck(file, bh::consume, bh::consume);
  }

  static void floorAndKeyCheck(byte[] file, Consumer<byte[]> out, Consumer<KeyData> keys) {
    MessageDigest sha256 = Floor.digest("SHA-256");
    KeyPairLimits limits = KeyPairLimits.defaults();
    for (String line : Inputs.lines(file)) {
      String field = Floor.blobField(line);
      if (field != null) {
        byte[] blob = Base64.getDecoder().decode(field);
        keys.accept(KeyData.fromBlob(blob, limits));
        out.accept(sha256.digest(blob));
      }
    }
  }

  static void floor(byte[] file, Consumer<byte[]> out) {
    MessageDigest sha256 = Floor.digest("SHA-256");
    for (String line : Inputs.lines(file)) {
      String field = Floor.blobField(line);
      if (field != null) {
        out.accept(sha256.digest(Base64.getDecoder().decode(field)));
      }
    }
  }
}
