package dev.keypair.formats.internal;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.internal.Wipe;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * OpenBSD's {@code bcrypt_pbkdf} (Ted Unangst, 2013), the key derivation of OpenSSH private key files
 * ({@code kdfname "bcrypt"} in PROTOCOL.key). BouncyCastle has bcrypt but not this function.
 *
 * <p>It is PBKDF2 with bcrypt in place of HMAC:
 * <pre>
 * sha2pass = SHA-512(passphrase)
 * for block = 1, 2, ...:                                 as many 32-byte blocks as the output needs
 *   t   = bcrypt_hash(sha2pass, SHA-512(salt || uint32 block))
 *   out = t
 *   repeat rounds - 1 times:
 *     t   = bcrypt_hash(sha2pass, SHA-512(t))
 *     out = out XOR t
 *   output[i * blocks + (block - 1)] = out[i]            the blocks are interleaved, not concatenated
 *
 * bcrypt_hash(pass, salt):                               both 64 bytes
 *   state = EksBlowfishSetup: expandState(salt, pass), then 64 times expand0State(salt), expand0State(pass)
 *   c = "OxychromaticBlowfishSwatDynamite" as 8 big-endian words
 *   encrypt c 64 times with state (ECB)
 *   return the 8 words of c, each little-endian
 * </pre>
 * Each round costs two Blowfish key schedules and 128 expensive ones, for each block of 32 output
 * bytes: {@code aes256-ctr} needs 48 bytes (key and IV), so two blocks, so a file of 16 rounds costs 32
 * bcrypt_hash calls. The caller checks the rounds against {@code KeyPairLimits#maxBcryptRounds()} first.
 *
 * <p>The blocks are independent (they share only the passphrase's words, read-only), so an output of
 * more than one block is computed in parallel ({@link SharedParts}): the calling thread starts with
 * block 1 and helpers on {@link java.util.concurrent.ForkJoinPool#commonPool()} (as many as it has
 * workers, one on a 2-core machine) take the others, each thread claiming the next unclaimed block, so
 * the caller computes whatever no helper has started and never waits for the pool, only for blocks in
 * progress. Each
 * block has its own Blowfish state, digest and buffers. The wall time of {@code aes256-ctr} and
 * {@code chacha20-poly1305} keys (two blocks) is about halved where two cores are free: at 1024
 * rounds, about 4 s instead of 7.5 s. A single block (32 bytes or fewer) runs on the caller alone.
 *
 * <p>Every buffer derived from the passphrase (its SHA-512, the Blowfish state, the intermediate
 * blocks) is zeroed through {@link Wipe} with a tag starting {@code bcrypt-}, each block's by the thread
 * that computed it before {@link #derive} returns; the output belongs to the caller, who wipes it (it
 * is wiped here only if the derivation fails).
 */
public final class BcryptPbkdf {

  /** Longest output (OpenBSD's limit: 32 blocks of 32 bytes). */
  public static final int MAX_OUTPUT = 1024;
  /** Longest salt OpenBSD accepts. */
  public static final int MAX_SALT = 1 << 20;

  private static final int HASH_BYTES = 32;
  private static final int HASH_WORDS = HASH_BYTES / 4;
  private static final byte[] MAGIC = "OxychromaticBlowfishSwatDynamite".getBytes(StandardCharsets.US_ASCII);
  private static final int MAGIC_ROUNDS = 64;
  private static final int EXPENSIVE_ROUNDS = 64;

  private BcryptPbkdf() {}

  /**
   * {@code length} bytes derived from {@code passphrase} and {@code salt}. Over 32 bytes, the blocks
   * run in parallel (see the class comment); the call returns once every block has finished and wiped
   * its buffers.
   *
   * @throws IllegalArgumentException if the passphrase is empty, the salt empty or over
   *     {@link #MAX_SALT}, rounds below 1, or the length outside 1 to {@link #MAX_OUTPUT} (the checks of
   *     OpenBSD's bcrypt_pbkdf; callers validate files before)
   */
  public static byte[] derive(byte[] passphrase, byte[] salt, int rounds, int length) {
    Objects.requireNonNull(passphrase, "passphrase");
    Objects.requireNonNull(salt, "salt");
    if (passphrase.length == 0 || salt.length == 0 || salt.length > MAX_SALT || rounds < 1 || length < 1
        || length > MAX_OUTPUT) {
      throw new IllegalArgumentException("bcrypt_pbkdf parameters out of range: passphrase " + passphrase.length
          + " bytes, salt " + salt.length + " bytes, rounds " + rounds + ", length " + length);
    }
    byte[] key = new byte[length];
    byte[] sha2pass = new byte[64];
    int[] passWords = null;
    boolean done = false;
    try {
      digest(sha512(), passphrase, 0, passphrase.length, sha2pass);
      passWords = Blowfish.streamWords(sha2pass, Blowfish.P_WORDS);
      int count = (length + HASH_BYTES - 1) / HASH_BYTES;
      int[] words = passWords;
      SharedParts.run(count, part -> block(part + 1, words, salt, rounds, key, count));
      done = true;
      return key;
    } finally {
      Wipe.wipe("bcrypt-sha2pass", sha2pass);
      Wipe.wipe("bcrypt-passwords", passWords);
      if (!done) {
        Wipe.wipe("bcrypt-partial-output", key);
      }
    }
  }

  /**
   * Computes block {@code number} (from 1) of {@code blocks} into its places in {@code key} (every
   * {@code blocks}-th byte, from {@code number - 1}), with a Blowfish state, digest and buffers of its
   * own, wiped before it returns.
   */
  private static void block(int number, int[] passWords, byte[] salt, int rounds, byte[] key, int blocks) {
    MessageDigest sha512 = sha512();
    byte[] sha2salt = new byte[64];
    byte[] countSalt = new byte[salt.length + 4];
    byte[] block = new byte[HASH_BYTES];
    byte[] out = new byte[HASH_BYTES];
    int[] cdata = new int[HASH_WORDS];
    Blowfish state = Blowfish.initial();
    try {
      System.arraycopy(salt, 0, countSalt, 0, salt.length);
      countSalt[salt.length] = (byte) (number >>> 24);
      countSalt[salt.length + 1] = (byte) (number >>> 16);
      countSalt[salt.length + 2] = (byte) (number >>> 8);
      countSalt[salt.length + 3] = (byte) number;
      digest(sha512, countSalt, 0, countSalt.length, sha2salt);
      hash(state, passWords, sha2salt, cdata, block);
      System.arraycopy(block, 0, out, 0, HASH_BYTES);
      for (int round = 1; round < rounds; round++) {
        digest(sha512, block, 0, HASH_BYTES, sha2salt);
        hash(state, passWords, sha2salt, cdata, block);
        for (int j = 0; j < HASH_BYTES; j++) {
          out[j] ^= block[j];
        }
      }
      for (int i = 0, dest = number - 1; dest < key.length; i++, dest += blocks) {
        key[dest] = out[i];
      }
    } finally {
      Wipe.wipe("bcrypt-sha2salt", sha2salt);
      Wipe.wipe("bcrypt-countsalt", countSalt);
      Wipe.wipe("bcrypt-block", block);
      Wipe.wipe("bcrypt-out", out);
      Wipe.wipe("bcrypt-cdata", cdata);
      state.wipe();
    }
  }

  /** bcrypt_hash: 32 bytes from the 64-byte SHA-512 of the passphrase (as words) and of a salt. */
  private static void hash(Blowfish state, int[] passWords, byte[] sha2salt, int[] cdata, byte[] out) {
    int[] saltWords = Blowfish.streamWords(sha2salt, Blowfish.P_WORDS + Blowfish.S_WORDS);
    try {
      state.reset();
      state.expandState(saltWords, passWords);
      for (int i = 0; i < EXPENSIVE_ROUNDS; i++) {
        state.expand0State(saltWords);
        state.expand0State(passWords);
      }
      for (int i = 0; i < HASH_WORDS; i++) {
        int o = 4 * i;
        cdata[i] = ((MAGIC[o] & 0xff) << 24) | ((MAGIC[o + 1] & 0xff) << 16) | ((MAGIC[o + 2] & 0xff) << 8)
            | (MAGIC[o + 3] & 0xff);
      }
      for (int i = 0; i < MAGIC_ROUNDS; i++) {
        state.encryptWords(cdata);
      }
      for (int i = 0; i < HASH_WORDS; i++) {
        int w = cdata[i];
        out[4 * i] = (byte) w;
        out[4 * i + 1] = (byte) (w >>> 8);
        out[4 * i + 2] = (byte) (w >>> 16);
        out[4 * i + 3] = (byte) (w >>> 24);
      }
    } finally {
      Wipe.wipe("bcrypt-saltwords", saltWords);
    }
  }

  private static void digest(MessageDigest md, byte[] in, int off, int len, byte[] out) {
    md.update(in, off, len);
    try {
      md.digest(out, 0, out.length);
    } catch (DigestException e) {
      throw new KeyPairException(ErrorCode.INTERNAL, "SHA-512 failed", e);
    }
  }

  private static MessageDigest sha512() {
    try {
      return MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new KeyPairException(ErrorCode.INTERNAL, "the JDK has no SHA-512", e);
    }
  }
}
