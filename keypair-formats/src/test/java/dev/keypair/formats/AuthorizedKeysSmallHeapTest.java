package dev.keypair.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.KeyPairLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The million-line file of {@link AuthorizedKeysStreamTest} (made as it is read, never on disk), streamed in a JVM
 * of its own with a 32 MB heap, every key fingerprinted (SHA-256 of its blob): the count and a checksum of the
 * fingerprints in order are those of the lines read one by one, and the heap, far smaller than the file, was
 * enough (issue 8: a 1,000,000-line authorized_keys read in constant memory).
 */
class AuthorizedKeysSmallHeapTest {

  static final String HEAP = "-Xmx32m";

  @Test
  void aMillionLinesStreamAndFingerprintInA32MegabyteHeap() throws Exception {
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        HEAP, "-XX:+UseSerialGC", "-XX:-HeapDumpOnOutOfMemoryError",
        "-cp", System.getProperty("java.class.path"), Child.class.getName())
        .redirectErrorStream(true).start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("child done").isTrue();
    assertThat(child.exitValue()).as(out).isZero();
    String[] f = out.split(" ");
    assertThat(f).as(out).hasSize(4);
    assertThat(f[0]).isEqualTo("entries=" + expectedEntries());
    assertThat(f[1]).isEqualTo("checksum=" + expectedChecksum());
    long bytes = Long.parseLong(f[2].substring("bytes=".length()));
    long heap = Long.parseLong(f[3].substring("heap=".length()));
    assertThat(bytes).isEqualTo(AuthorizedKeysStreamTest.Generated.size(AuthorizedKeysStreamTest.PATTERN,
        AuthorizedKeysStreamTest.LINES));
    assertThat(bytes).as("the file is several times the child's heap").isGreaterThan(5 * heap);
  }

  private static long expectedEntries() {
    long entries = 0;
    for (int i = 0; i < AuthorizedKeysStreamTest.LINES; i++) {
      entries += pattern()[i % pattern().length] == null ? 0 : 1;
    }
    return entries;
  }

  /** The checksum from the pattern's lines read one at a time with {@link AuthorizedKeys#parse(String)}. */
  private static String expectedChecksum() {
    MessageDigest all = sha256();
    byte[][] fingerprints = pattern();
    for (int i = 0; i < AuthorizedKeysStreamTest.LINES; i++) {
      byte[] f = fingerprints[i % fingerprints.length];
      if (f != null) {
        all.update(f);
      }
    }
    return HexFormat.of().formatHex(all.digest());
  }

  private static byte[][] pattern;

  /** The SHA-256 fingerprint of each pattern line's key, null for a line that is not a key. */
  private static byte[][] pattern() {
    if (pattern == null) {
      byte[][] p = new byte[AuthorizedKeysStreamTest.PATTERN.size()][];
      for (int i = 0; i < p.length; i++) {
        List<AuthorizedKeysLine> line = AuthorizedKeys.parse(AuthorizedKeysStreamTest.PATTERN.get(i));
        if (!line.isEmpty() && line.get(0) instanceof AuthorizedKeyEntry e) {
          p[i] = sha256().digest(e.key().blob().toByteArray());
        }
      }
      pattern = p;
    }
    return pattern;
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The child: streams the generated file, fingerprints each key and prints {@code entries=N checksum=HEX
   * bytes=N heap=N} (a SHA-256 over the fingerprints in order), or the error and exit status 3.
   */
  static final class Child {
    public static void main(String[] args) throws IOException {
      AtomicLong entries = new AtomicLong();
      AtomicLong bytes = new AtomicLong();
      MessageDigest all = sha256();
      MessageDigest one = sha256();
      try (InputStream in = new AuthorizedKeysStreamTest.Generated(AuthorizedKeysStreamTest.PATTERN,
          AuthorizedKeysStreamTest.LINES)) {
        AuthorizedKeys.stream(in, KeyPairLimits.defaults()).forEach(line -> {
          bytes.addAndGet(line.toBytes().length + 1);
          if (line instanceof AuthorizedKeyEntry e) {
            entries.incrementAndGet();
            e.key().blob().writeTo(one);
            all.update(one.digest());
          }
        });
      } catch (OutOfMemoryError e) {
        System.out.println("OutOfMemoryError after " + entries.get() + " entries");
        System.exit(3);
      }
      System.out.println("entries=" + entries.get() + " checksum=" + HexFormat.of().formatHex(all.digest())
          + " bytes=" + bytes.get() + " heap=" + Runtime.getRuntime().maxMemory());
    }
  }
}
