package dev.keypair.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.SshPublicKey;
import dev.keypair.formats.AuthorizedKeysLine.Other;
import dev.keypair.testsupport.Fixtures;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A million-line file, made on the fly and never held whole, streams through the reader under the
 * test heap (-Xmx256m): the reader keeps one buffer, whatever the file's size.
 */
class AuthorizedKeysStreamTest {

  static final int LINES = 1_000_000;

  /** The line pattern the generated file repeats: keys with and without options, comments, blanks, junk. */
  static final List<String> PATTERN = List.of(
      Fixtures.line("ed25519.pub"),
      "no-pty,command=\"/usr/bin/rsync --server \\\"x\\\"\" " + Fixtures.line("ed25519_spaces.pub"),
      Fixtures.line("rsa2048.pub"),
      "# a comment line",
      "restrict,from=\"10.0.0.0/8\",expiry-time=\"20301231Z\" " + Fixtures.line("ecdsa256.pub"),
      "",
      Fixtures.line("ed25519-user-cert.pub"),
      "bogus-option " + Fixtures.line("ed25519.pub"),
      "   " + Fixtures.line("ecdsa384.pub"),
      Fixtures.line("rsa4096.pub"));

  @Test
  void streamsAMillionLinesInConstantMemory() {
    SshPublicKey ed25519 = OpenSshPublicKeys.parse(Fixtures.bytes("ed25519.pub"));
    AtomicLong entries = new AtomicLong();
    AtomicLong comments = new AtomicLong();
    AtomicLong blanks = new AtomicLong();
    AtomicLong invalid = new AtomicLong();
    AtomicLong sameAsFirst = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    try (InputStream in = new Generated(PATTERN, LINES)) {
      AuthorizedKeys.stream(in, KeyPairLimits.defaults()).forEach(line -> {
        bytes.addAndGet(line.toBytes().length + 1);
        if (line instanceof AuthorizedKeyEntry e) {
          entries.incrementAndGet();
          if (e.key().equals(ed25519) && e.options().isEmpty()) {
            sameAsFirst.incrementAndGet();
          }
        } else {
          switch (((Other) line).kind()) {
            case COMMENT:
              comments.incrementAndGet();
              break;
            case BLANK:
              blanks.incrementAndGet();
              break;
            default:
              invalid.incrementAndGet();
          }
        }
      });
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    long rounds = LINES / PATTERN.size();
    assertThat(entries.get()).isEqualTo(7 * rounds);
    assertThat(comments.get()).isEqualTo(rounds);
    assertThat(blanks.get()).isEqualTo(rounds);
    assertThat(invalid.get()).isEqualTo(rounds);
    assertThat(sameAsFirst.get()).isEqualTo(rounds);
    assertThat(bytes.get()).isEqualTo(Generated.size(PATTERN, LINES));
    // the file is larger than the whole heap, so it was never held whole
    assertThat(bytes.get()).isGreaterThan(Runtime.getRuntime().maxMemory());
  }

  /** {@code lines} lines cycling through {@code pattern}, each ending in LF, made as they are read. */
  static final class Generated extends InputStream {
    private final byte[][] pattern;
    private final long lines;
    private long line;
    private int at;

    Generated(List<String> pattern, long lines) {
      this.pattern = new byte[pattern.size()][];
      for (int i = 0; i < pattern.size(); i++) {
        this.pattern[i] = (pattern.get(i) + "\n").getBytes(StandardCharsets.UTF_8);
      }
      this.lines = lines;
    }

    static long size(List<String> pattern, long lines) {
      long total = 0;
      for (int i = 0; i < pattern.size(); i++) {
        long times = lines / pattern.size() + (i < lines % pattern.size() ? 1 : 0);
        total += times * (pattern.get(i).getBytes(StandardCharsets.UTF_8).length + 1);
      }
      return total;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (line == lines) {
        return -1;
      }
      int n = 0;
      while (n < len && line < lines) {
        byte[] current = pattern[(int) (line % pattern.length)];
        int k = Math.min(len - n, current.length - at);
        System.arraycopy(current, at, b, off + n, k);
        n += k;
        at += k;
        if (at == current.length) {
          at = 0;
          line++;
        }
      }
      return n;
    }
  }
}
