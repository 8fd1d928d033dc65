package dev.keypair.testkit;

import dev.keypair.core.KeyData;
import dev.keypair.core.RsaPrivateKeyData;
import dev.keypair.core.SshPrivateKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The bundled pool of RSA key pairs that ssh-keygen made for tests: 8 of 2048 bits, 6 of 3072 and 4 of 4096
 * (the resource {@code dev/keypair/testkit/rsa-pool.txt} in this jar, written by the module's
 * {@code scripts/make-rsa-pool.sh}). Generating an RSA key takes from tens of milliseconds to seconds, too
 * slow for a property test's hundreds of tries; drawing one from the pool costs microseconds.
 *
 * <p>These keys are public knowledge: never use them for anything but tests. The pool is read once, on first
 * use, and may be used from any thread. Each call returns new key objects, so a test may destroy the keys it
 * was given without harming other tests.
 */
public final class RsaPool {

  private static final String RESOURCE = "rsa-pool.txt";

  private RsaPool() {}

  /** The components of one pooled key: n e d p q iqmp. */
  private record Entry(BigInteger[] values) {
    int bits() {
      return values[0].bitLength();
    }

    SshPrivateKey key() {
      return SshPrivateKey.of(RsaPrivateKeyData.of(values[0], values[1], values[2], values[3], values[4], values[5]));
    }
  }

  /** Read on first use of the pool (the JVM runs a class initialiser once, whatever the threads). */
  private static final class Holder {
    static final List<Entry> ENTRIES = read();
    static final List<KeyData> PUBLIC_KEYS = ENTRIES.stream().map(e -> e.key().publicKey().keyData()).toList();
  }

  /** Every key of the pool, smallest first, without comments. */
  public static List<SshPrivateKey> keys() {
    List<SshPrivateKey> out = new ArrayList<>();
    for (Entry e : Holder.ENTRIES) {
      out.add(e.key());
    }
    return out;
  }

  /**
   * The keys of the pool with {@code bits} bits (2048, 3072 or 4096), without comments.
   *
   * @throws IllegalArgumentException for a size the pool does not hold
   */
  public static List<SshPrivateKey> keys(int bits) {
    List<SshPrivateKey> out = new ArrayList<>();
    for (Entry e : Holder.ENTRIES) {
      if (e.bits() == bits) {
        out.add(e.key());
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("the RSA pool holds keys of " + sizes() + " bits, not " + bits
          + "; SshKeys.keyPairs().freshRsa() makes keys of any size");
    }
    return out;
  }

  /** The key sizes the pool holds, smallest first. */
  public static List<Integer> sizes() {
    return Holder.ENTRIES.stream().map(Entry::bits).distinct().sorted().toList();
  }

  /** The public half of key {@code index} of the pool, made once (public keys are immutable). */
  static KeyData publicKey(int index) {
    return Holder.PUBLIC_KEYS.get(index);
  }

  /** Key {@code index} of the pool, the smallest keys first. */
  static SshPrivateKey key(int index) {
    return Holder.ENTRIES.get(index).key();
  }

  /** The indexes of the pool's keys of the given sizes, smallest first; every key for an empty list. */
  static List<Integer> indexesOf(List<Integer> bits) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < Holder.ENTRIES.size(); i++) {
      if (bits.isEmpty() || bits.contains(Holder.ENTRIES.get(i).bits())) {
        out.add(i);
      }
    }
    return out;
  }

  private static List<Entry> read() {
    String text;
    try (InputStream in = RsaPool.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the resource " + RESOURCE + " is missing from keypair-testkit");
      }
      text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Entry> entries = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.trim().split(" ");
      BigInteger[] values = new BigInteger[6];
      for (int i = 0; i < values.length; i++) {
        values[i] = new BigInteger(fields[i], 16);
      }
      entries.add(new Entry(values));
    }
    entries.sort(java.util.Comparator.comparingInt(Entry::bits));
    return List.copyOf(entries);
  }
}
