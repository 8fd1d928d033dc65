package dev.keypair.formats.internal;

import dev.keypair.core.internal.Wipe;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2 version 0x13 (RFC 9106), the key derivation of PuTTY's version 3 key files: Argon2d, Argon2i
 * and Argon2id, any number of lanes (the lanes of a slice in parallel, on the common pool).
 *
 * <p>Why keypair has its own: the work is the compression function G, run once per 1 KiB block and
 * pass (8 MiB and 34 passes, PuTTY's defaults, are 278,528 runs). G is two rounds of eight
 * BLAKE2b-based mixes: first on each of the block's eight rows of 16 words, then on each of its
 * eight columns. The eight rows (and the eight columns) are independent of each other, so this
 * class computes each step of the mix on all eight at once, as loops over 32 words that the JIT
 * turns into vector instructions. For that, a block is held "by word": the 128 words of a block
 * (row {@code r}, word {@code w} of the row, in RFC 9106's order {@code 16 * r + w}) are stored at
 * {@code 8 * w + r}, so each word of the mix is eight adjacent longs, one per row. The column
 * round needs the words by column: {@link #toColumns} reorders them, and {@link #fromColumns}
 * puts the result back by word. BouncyCastle's {@code Argon2BytesGenerator} mixes one row or
 * column at a time. Measured here (AMD EPYC, JDK 17, Argon2id 8 MiB 34 passes, thread CPU time, after
 * warm-up): 100 to 115 ms against BouncyCastle's 130 to 180 ms with AVX-512, 125 ms against 140 to 175
 * ms with AVX2 only ({@code -XX:UseAVX=2}); about even with AVX1 or without vectorization, and slower
 * (220 against 160 ms) with SSE alone. So {@link #derive} computes here on x86-64 only and hands over
 * to BouncyCastle elsewhere ({@link #OWN}). {@code Argon2Test} checks this class against BouncyCastle
 * on random parameters and both against RFC 9106's test vectors.
 *
 * <p>In the work arrays ({@code rows} and {@code columns}), each quarter of a row's 16 words
 * ({@code a}: words 0 to 3, {@code b}: 4 to 7, {@code c}: 8 to 11, {@code d}: 12 to 15) is followed by
 * a copy of its first words, so the diagonal step, which mixes word {@code w} of {@code a} with word {@code w + 1} of
 * {@code b}, {@code w + 2} of {@code c} and {@code w + 3} of {@code d} (mod 4), reads each quarter
 * from one offset as the column step does.
 *
 * <p>The memory and every intermediate block are zeroed (through {@link Wipe}, tags starting
 * {@code argon2-}) before {@link #derive} returns; the output belongs to the caller.
 */
public final class Argon2 {

  /** The three variants, with RFC 9106's numbers. */
  public enum Type {
    /** Argon2d: every reference depends on the data. */
    ARGON2D(0),
    /** Argon2i: no reference depends on the data. */
    ARGON2I(1),
    /** Argon2id: as Argon2i for the first half of the first pass, then as Argon2d. */
    ARGON2ID(2);

    final int number;

    Type(int number) {
      this.number = number;
    }
  }

  /** The only version computed (PuTTY's, and RFC 9106's). */
  public static final int VERSION = 0x13;

  private static final int BLOCK_WORDS = 128;
  private static final int BLOCK_BYTES = 1024;
  private static final int SLICES = 4;
  private static final long LOW = 0xFFFFFFFFL;
  /** RFC 9106's integers and words in bytes: little-endian. */
  private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  // The work array: a at 0 (32 words), b at 32 (40), c at 72 (48), d at 120 (56)
  private static final int A = 0;
  private static final int B = 32;
  private static final int C = 72;
  private static final int D = 120;
  private static final int WORK_LENGTH = 176;
  /** Where word {@code w} (0 to 15) of the mix starts in a work array. */
  private static final int[] WORD_AT = {0, 8, 16, 24, 32, 40, 48, 56, 72, 80, 88, 96, 120, 128, 136, 144};

  /**
   * Whether {@link #derive} computes with this class: on x86-64, where HotSpot's C2 turns its loops into
   * AVX2 or AVX-512 instructions. Elsewhere it is not measured (C2 has no 64-bit vector multiplication on
   * ARM's NEON), and without vectors the regrouping is pure cost (slower than BouncyCastle here with SSE
   * alone), so {@link #derive} hands over to BouncyCastle's one-row-at-a-time code.
   */
  static final boolean OWN = isX86();

  /** The blocks of data-independent references: a zero block, the input (with its counter), the addresses. */
  private final long[] zero = new long[BLOCK_WORDS];
  private final long[] input = new long[BLOCK_WORDS];
  private final long[] addresses = new long[BLOCK_WORDS];
  private final long[] rows = new long[WORK_LENGTH];
  private final long[] columns = new long[WORK_LENGTH];
  private final long[] result = new long[BLOCK_WORDS];

  private Argon2() {}

  /**
   * {@code length} bytes of Argon2 version 0x13 of {@code password} and {@code salt}, with no secret
   * and no associated data (PuTTY's use).
   *
   * @throws IllegalArgumentException outside RFC 9106's ranges (see {@link #derive(Type, byte[], byte[],
   *     byte[], byte[], int, int, int, int)}); callers check files against keypair's limits before
   */
  public static byte[] derive(Type type, byte[] password, byte[] salt, int memoryKiB, int passes, int lanes,
      int length) {
    return derive(type, password, salt, new byte[0], new byte[0], memoryKiB, passes, lanes, length);
  }

  /**
   * {@code length} bytes of Argon2 version 0x13 (RFC 9106 section 3).
   *
   * @throws IllegalArgumentException if {@code lanes} is below 1 or over 2^24 - 1, {@code memoryKiB} below
   *     {@code 8 * lanes}, {@code passes} below 1, {@code length} below 4, the salt under 8 bytes, or the
   *     memory more than one Java array of longs holds (16 GiB)
   */
  public static byte[] derive(Type type, byte[] password, byte[] salt, byte[] secret, byte[] associatedData,
      int memoryKiB, int passes, int lanes, int length) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(salt, "salt");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(associatedData, "associatedData");
    if (lanes < 1 || lanes > 0xFFFFFF || memoryKiB < 8 * lanes || passes < 1 || length < 4 || salt.length < 8) {
      throw new IllegalArgumentException("Argon2 parameters out of range: " + memoryKiB + " KiB, " + passes
          + " passes, " + lanes + " lanes, " + length + " bytes, salt of " + salt.length + " bytes");
    }
    laneBlocks(memoryKiB, lanes);
    if (!OWN) {
      return bouncyCastle(type, password, salt, secret, associatedData, memoryKiB, passes, lanes, length);
    }
    return compute(type, password, salt, secret, associatedData, memoryKiB, passes, lanes, length);
  }

  /** {@link #derive} by this class, on any platform (the tests' entry). */
  static byte[] compute(Type type, byte[] password, byte[] salt, byte[] secret, byte[] associatedData,
      int memoryKiB, int passes, int lanes, int length) {
    int laneBlocks = laneBlocks(memoryKiB, lanes);
    byte[] h0 = null;
    long[] memory = null;
    try {
      h0 = initialHash(type, password, salt, secret, associatedData, memoryKiB, passes, lanes, length);
      memory = new long[laneBlocks * lanes * BLOCK_WORDS];
      firstBlocks(memory, h0, lanes, laneBlocks);
      fill(memory, type, passes, lanes, laneBlocks);
      return finalHash(memory, lanes, laneBlocks, length);
    } finally {
      Wipe.wipe("argon2-h0", h0);
      Wipe.wipe("argon2-memory", memory);
    }
  }

  /** Blocks a lane: m' / p, with m' the memory rounded down to a multiple of 4 * p blocks. */
  private static int laneBlocks(int memoryKiB, int lanes) {
    int laneBlocks = memoryKiB / (SLICES * lanes) * SLICES;
    if ((long) laneBlocks * lanes * BLOCK_WORDS > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("Argon2 memory of " + memoryKiB + " KiB is more than one Java array holds");
    }
    return laneBlocks;
  }

  /** {@link #derive} by BouncyCastle's {@code Argon2BytesGenerator}. */
  static byte[] bouncyCastle(Type type, byte[] password, byte[] salt, byte[] secret, byte[] associatedData,
      int memoryKiB, int passes, int lanes, int length) {
    int bcType = type == Type.ARGON2D ? Argon2Parameters.ARGON2_d
        : type == Type.ARGON2I ? Argon2Parameters.ARGON2_i : Argon2Parameters.ARGON2_id;
    Argon2Parameters params = new Argon2Parameters.Builder(bcType).withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withSalt(salt).withSecret(secret).withAdditional(associatedData).withMemoryAsKB(memoryKiB)
        .withIterations(passes).withParallelism(lanes).build();
    byte[] out = new byte[length];
    try {
      Argon2BytesGenerator generator = new Argon2BytesGenerator();
      generator.init(params);
      generator.generateBytes(password, out);
      return out;
    } catch (IllegalStateException | UnsupportedOperationException e) {
      // BouncyCastle's own bounds (org.bouncycastle.argon2.max_memory_exp...)
      Wipe.wipe("argon2-output", out);
      throw new IllegalArgumentException(e.getMessage(), e);
    } catch (RuntimeException | Error e) {
      Wipe.wipe("argon2-output", out);
      throw e;
    } finally {
      params.clear();
    }
  }

  /** H0 (RFC 9106 section 3.2, step 1): BLAKE2b-512 of the parameters and inputs. */
  private static byte[] initialHash(Type type, byte[] password, byte[] salt, byte[] secret, byte[] associatedData,
      int memoryKiB, int passes, int lanes, int length) {
    Blake2bDigest h = new Blake2bDigest(512);
    byte[] word = new byte[4];
    for (int value : new int[] {lanes, length, memoryKiB, passes, VERSION, type.number}) {
      INTS.set(word, 0, value);
      h.update(word, 0, 4);
    }
    for (byte[] input : new byte[][] {password, salt, secret, associatedData}) {
      INTS.set(word, 0, input.length);
      h.update(word, 0, 4);
      h.update(input, 0, input.length);
    }
    byte[] h0 = new byte[64];
    h.doFinal(h0, 0);
    return h0;
  }

  /** B[i][0] and B[i][1] of each lane i: H'^1024(H0 || LE32(0 or 1) || LE32(i)). */
  private static void firstBlocks(long[] memory, byte[] h0, int lanes, int laneBlocks) {
    byte[] suffix = new byte[8];
    byte[] block = new byte[BLOCK_BYTES];
    try {
      for (int lane = 0; lane < lanes; lane++) {
        for (int column = 0; column < 2; column++) {
          INTS.set(suffix, 0, column);
          INTS.set(suffix, 4, lane);
          variableHash(block, h0, suffix);
          int at = (lane * laneBlocks + column) * BLOCK_WORDS;
          for (int n = 0; n < BLOCK_WORDS; n++) {
            memory[at + byWord(n)] = (long) LONGS.get(block, 8 * n);
          }
        }
      }
    } finally {
      Wipe.wipe("argon2-first-block", block);
    }
  }

  /**
   * Every block of every pass (RFC 9106 section 3.2, steps 5 and 6; section 3.4 for the indexing). The lanes of
   * a slice reference only their own slice and the finished ones, so they are computed in parallel
   * ({@link SharedParts}: the caller and helpers on the common pool), each segment with work blocks of its own.
   */
  private static void fill(long[] memory, Type type, int passes, int lanes, int laneBlocks) {
    for (int pass = 0; pass < passes; pass++) {
      for (int slice = 0; slice < SLICES; slice++) {
        int p = pass;
        int s = slice;
        SharedParts.run(lanes, lane -> {
          Argon2 g = new Argon2();
          try {
            g.segment(memory, type, passes, lanes, laneBlocks, p, s, lane);
          } finally {
            g.wipe();
          }
        });
      }
    }
  }

  /** The blocks of one lane in one slice of one pass. */
  private void segment(long[] memory, Type type, int passes, int lanes, int laneBlocks, int pass, int slice,
      int lane) {
    int segment = laneBlocks / SLICES;
    boolean independent = type == Type.ARGON2I || type == Type.ARGON2ID && pass == 0 && slice < 2;
    if (independent) {
      long[] words = {pass, lane, slice, (long) laneBlocks * lanes, passes, type.number};
      for (int n = 0; n < words.length; n++) {
        input[byWord(n)] = words[n];
      }
    }
    int first = 0;
    if (pass == 0 && slice == 0) {
      first = 2;
      if (independent) {
        nextAddresses();
      }
    }
    int laneStart = lane * laneBlocks;
    for (int index = first; index < segment; index++) {
      int column = slice * segment + index;
      int previous = laneStart + (column == 0 ? laneBlocks - 1 : column - 1);
      long random;
      if (independent) {
        if (index % BLOCK_WORDS == 0) {
          nextAddresses();
        }
        random = addresses[byWord(index % BLOCK_WORDS)];
      } else {
        random = memory[previous * BLOCK_WORDS]; // word 0 of the previous block
      }
      int refLane = pass == 0 && slice == 0 ? lane : (int) ((random >>> 32) % lanes);
      int ref = referenceColumn(pass, slice, index, segment, laneBlocks, refLane == lane, random & LOW);
      compress(memory, previous * BLOCK_WORDS, memory, (refLane * laneBlocks + ref) * BLOCK_WORDS, memory,
          (laneStart + column) * BLOCK_WORDS, pass > 0);
    }
  }

  /** The next 128 data-independent references: G(0, G(0, input)) after counting up the input's counter. */
  private void nextAddresses() {
    input[byWord(6)]++;
    compress(zero, 0, input, 0, addresses, 0, false);
    compress(zero, 0, addresses, 0, addresses, 0, false);
  }

  /** The column of the reference block in its lane (RFC 9106 section 3.4.2). */
  private static int referenceColumn(int pass, int slice, int index, int segment, int laneBlocks, boolean sameLane,
      long j1) {
    // the finished segments: in the first pass those before this slice, later the other three
    long finished = pass == 0 ? (long) slice * segment : laneBlocks - segment;
    // and, in the same lane, this segment's blocks before the previous one; in another lane, all but the
    // last block of the finished segments when this block starts its segment
    long area = sameLane ? finished + index - 1 : finished + (index == 0 ? -1 : 0);
    long x = j1 * j1 >>> 32;
    long relative = area - 1 - (area * x >>> 32);
    long start = pass == 0 || slice == SLICES - 1 ? 0 : (long) (slice + 1) * segment;
    return (int) ((start + relative) % laneBlocks);
  }

  /** The tag: H'^length of the XOR of every lane's last block. */
  private static byte[] finalHash(long[] memory, int lanes, int laneBlocks, int length) {
    long[] last = new long[BLOCK_WORDS];
    byte[] bytes = new byte[BLOCK_BYTES];
    try {
      for (int lane = 0; lane < lanes; lane++) {
        int at = ((lane + 1) * laneBlocks - 1) * BLOCK_WORDS;
        for (int i = 0; i < BLOCK_WORDS; i++) {
          last[i] ^= memory[at + i];
        }
      }
      for (int n = 0; n < BLOCK_WORDS; n++) {
        LONGS.set(bytes, 8 * n, last[byWord(n)]);
      }
      byte[] out = new byte[length];
      try {
        variableHash(out, bytes, new byte[0]);
      } catch (RuntimeException | Error e) {
        Wipe.wipe("argon2-output", out);
        throw e;
      }
      return out;
    } finally {
      Wipe.wipe("argon2-last-block", last);
      Wipe.wipe("argon2-last-block", bytes);
    }
  }

  /**
   * {@code out.length} bytes of H' (RFC 9106 section 3.3) of {@code first || second}: BLAKE2b of that
   * length up to 64 bytes; beyond, a chain of BLAKE2b-512 whose first 32 bytes each are output, and a
   * last hash of the bytes left.
   */
  private static void variableHash(byte[] out, byte[] first, byte[] second) {
    int length = out.length;
    byte[] prefix = new byte[4];
    INTS.set(prefix, 0, length);
    if (length <= 64) {
      Blake2bDigest h = new Blake2bDigest(length * 8);
      h.update(prefix, 0, 4);
      h.update(first, 0, first.length);
      h.update(second, 0, second.length);
      h.doFinal(out, 0);
      return;
    }
    byte[] v = new byte[64];
    try {
      Blake2bDigest h = new Blake2bDigest(512);
      h.update(prefix, 0, 4);
      h.update(first, 0, first.length);
      h.update(second, 0, second.length);
      h.doFinal(v, 0);
      int at = 0;
      int halves = (length + 31) / 32 - 2;
      for (int i = 1; i < halves; i++) {
        System.arraycopy(v, 0, out, at, 32);
        at += 32;
        h.update(v, 0, 64);
        h.doFinal(v, 0);
      }
      System.arraycopy(v, 0, out, at, 32);
      at += 32;
      Blake2bDigest last = new Blake2bDigest((length - at) * 8);
      last.update(v, 0, 64);
      last.doFinal(out, at);
    } finally {
      Wipe.wipe("argon2-hash-chain", v);
    }
  }

  /**
   * G (RFC 9106 section 3.5): {@code out = P(x ^ y) ^ x ^ y}, or, with {@code xorInto} (passes after the
   * first, version 0x13), {@code out ^= P(x ^ y) ^ x ^ y}, where P mixes the rows, then the columns. All
   * three blocks held by word; {@code out} may be {@code x} or {@code y}.
   */
  private void compress(long[] x, int xAt, long[] y, int yAt, long[] out, int outAt, boolean xorInto) {
    long[] w = rows;
    for (int i = 0; i < 64; i++) { // a and b
      w[A + i] = x[xAt + i] ^ y[yAt + i];
    }
    for (int i = 0; i < 32; i++) {
      w[C + i] = x[xAt + 64 + i] ^ y[yAt + 64 + i];
    }
    for (int i = 0; i < 32; i++) {
      w[D + i] = x[xAt + 96 + i] ^ y[yAt + 96 + i];
    }
    mix(w);
    toColumns(w, columns);
    mix(columns);
    long[] z = fromColumns(columns, result);
    if (xorInto) {
      for (int i = 0; i < BLOCK_WORDS; i++) {
        out[outAt + i] ^= z[i] ^ x[xAt + i] ^ y[yAt + i];
      }
    } else {
      for (int i = 0; i < BLOCK_WORDS; i++) {
        out[outAt + i] = z[i] ^ x[xAt + i] ^ y[yAt + i];
      }
    }
  }

  /** One BLAKE2b round on eight groups of 16 words at once: the column step, then the diagonal step. */
  private static void mix(long[] v) {
    quarterRound(v, A, B, C, D, 32, 24);
    quarterRound(v, A, B, C, D, 16, 63);
    // each quarter's first words after it, so that the diagonal reads b from word 1, c from 2, d from 3
    System.arraycopy(v, B, v, B + 32, 8);
    System.arraycopy(v, C, v, C + 32, 16);
    System.arraycopy(v, D, v, D + 32, 24);
    quarterRound(v, A, B + 8, C + 16, D + 24, 32, 24);
    quarterRound(v, A, B + 8, C + 16, D + 24, 16, 63);
    // the words the diagonal wrote to the copies go back to their places
    System.arraycopy(v, B + 32, v, B, 8);
    System.arraycopy(v, C + 32, v, C, 16);
    System.arraycopy(v, D + 32, v, D, 24);
  }

  /**
   * Half of BLAKE2b's G with Argon2's multiplication (RFC 9106 section 3.6), on 32 words of each of a,
   * b, c, d: {@code a = a + b + 2 * lo(a) * lo(b); d = (d ^ a) >>> r1; c = c + d + 2 * lo(c) * lo(d);
   * b = (b ^ c) >>> r2}, rotations to the right. Two loops, each small enough for the JIT to unroll and
   * vectorize.
   */
  private static void quarterRound(long[] v, int a, int b, int c, int d, int r1, int r2) {
    for (int k = 0; k < 32; k++) {
      long x = v[a + k];
      long y = v[b + k];
      x = x + y + 2 * (x & LOW) * (y & LOW);
      v[a + k] = x;
      v[d + k] = Long.rotateRight(v[d + k] ^ x, r1);
    }
    for (int k = 0; k < 32; k++) {
      long x = v[c + k];
      long y = v[d + k];
      x = x + y + 2 * (x & LOW) * (y & LOW);
      v[c + k] = x;
      v[b + k] = Long.rotateRight(v[b + k] ^ x, r2);
    }
  }

  /**
   * The rows' words regrouped by column: column {@code c}'s 16 words are words {@code 2c} and {@code 2c + 1}
   * of each row {@code j}, in that order, so its word {@code 2j + e} is row {@code j}'s word {@code 2c + e}.
   */
  private static void toColumns(long[] w, long[] s) {
    for (int j = 0; j < 8; j++) {
      int even = WORD_AT[2 * j];
      int odd = WORD_AT[2 * j + 1];
      s[even] = w[j];
      s[even + 1] = w[16 + j];
      s[even + 2] = w[32 + j];
      s[even + 3] = w[48 + j];
      s[even + 4] = w[72 + j];
      s[even + 5] = w[88 + j];
      s[even + 6] = w[120 + j];
      s[even + 7] = w[136 + j];
      s[odd] = w[8 + j];
      s[odd + 1] = w[24 + j];
      s[odd + 2] = w[40 + j];
      s[odd + 3] = w[56 + j];
      s[odd + 4] = w[80 + j];
      s[odd + 5] = w[96 + j];
      s[odd + 6] = w[128 + j];
      s[odd + 7] = w[144 + j];
    }
  }

  /** The inverse of {@link #toColumns}: the block held by word again, in {@code out}, returned. */
  private static long[] fromColumns(long[] s, long[] out) {
    for (int c = 0; c < 8; c++) {
      int even = 16 * c;
      int odd = even + 8;
      out[even] = s[c];
      out[even + 1] = s[16 + c];
      out[even + 2] = s[32 + c];
      out[even + 3] = s[48 + c];
      out[even + 4] = s[72 + c];
      out[even + 5] = s[88 + c];
      out[even + 6] = s[120 + c];
      out[even + 7] = s[136 + c];
      out[odd] = s[8 + c];
      out[odd + 1] = s[24 + c];
      out[odd + 2] = s[40 + c];
      out[odd + 3] = s[56 + c];
      out[odd + 4] = s[80 + c];
      out[odd + 5] = s[96 + c];
      out[odd + 6] = s[128 + c];
      out[odd + 7] = s[144 + c];
    }
    return out;
  }

  private static boolean isX86() {
    String arch = System.getProperty("os.arch", "");
    return arch.equals("amd64") || arch.equals("x86_64");
  }

  /** Where word {@code n} of a block in RFC 9106's order (row {@code n / 16}, word {@code n % 16}) is held. */
  static int byWord(int n) {
    return (n & 15) * 8 + (n >> 4);
  }

  private void wipe() {
    Wipe.wipe("argon2-addresses", input);
    Wipe.wipe("argon2-addresses", addresses);
    Wipe.wipe("argon2-block", rows);
    Wipe.wipe("argon2-block", columns);
    Wipe.wipe("argon2-block", result);
  }
}
