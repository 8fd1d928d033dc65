package dev.keypair.formats.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypair.core.internal.Wipe;
import dev.keypair.formats.internal.Argon2.Type;
import dev.keypair.testsupport.Wipes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * keypair's Argon2 against BouncyCastle's {@code Argon2BytesGenerator} (an independent implementation) on
 * random parameters, and against the test vectors of RFC 9106 section 5. Against PuTTY itself in the PPK
 * interop tests, which read files puttygen encrypted.
 */
class Argon2Test {

  private static final HexFormat HEX = HexFormat.of();

  /**
   * Random parameters: every type, 1 to 4 lanes, memory from the least (8 KiB a lane) to over 128 blocks a
   * segment (so more than one block of data-independent references), 1 to 3 passes, tags from 4 bytes to
   * over 64 (H' chained).
   */
  @Property(tries = 120)
  void derivesAsBouncyCastle(@ForAll Type type, @ForAll @IntRange(min = 1, max = 4) int lanes,
      @ForAll @IntRange(min = 0, max = 2100) int extraKiB, @ForAll @IntRange(min = 1, max = 3) int passes,
      @ForAll @IntRange(min = 4, max = 200) int length, @ForAll @Size(max = 40) byte[] password,
      @ForAll @Size(min = 8, max = 32) byte[] salt) {
    int memory = 8 * lanes + extraKiB;
    assertThat(Argon2.compute(type, password, salt, new byte[0], new byte[0], memory, passes, lanes, length))
        .isEqualTo(Argon2.bouncyCastle(type, password, salt, new byte[0], new byte[0], memory, passes, lanes, length));
  }

  /** PuTTY's defaults (Argon2id, 8 MiB, one lane) with fewer passes, to keep it short, and PPK's 80 bytes. */
  @Test
  void derivesAsBouncyCastleWithPuttysDefaults() {
    byte[] password = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
    byte[] salt = HEX.parseHex("9c206c743be1fbbf2078d134324c4a9c");
    assertThat(Argon2.derive(Type.ARGON2ID, password, salt, 8192, 2, 1, 80))
        .isEqualTo(Argon2.compute(Type.ARGON2ID, password, salt, new byte[0], new byte[0], 8192, 2, 1, 80))
        .isEqualTo(Argon2.bouncyCastle(Type.ARGON2ID, password, salt, new byte[0], new byte[0], 8192, 2, 1, 80));
  }

  /** RFC 9106 section 5: 32 KiB, 3 passes, 4 lanes, with a secret and associated data. */
  @ParameterizedTest
  @EnumSource(Type.class)
  void rfc9106Vectors(Type type) {
    byte[] password = filled(32, 0x01);
    byte[] salt = filled(16, 0x02);
    byte[] secret = filled(8, 0x03);
    byte[] data = filled(12, 0x04);
    String expected = switch (type) {
      case ARGON2D -> "512b391b6f1162975371d30919734294f868e3be3984f3c1a13a4db9fabe4acb";
      case ARGON2I -> "c814d9d1dc7f37aa13f0d77f2494bda1c8de6b016dd388d29952a4c4672b6ce8";
      case ARGON2ID -> "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659";
    };
    assertThat(HEX.formatHex(Argon2.compute(type, password, salt, secret, data, 32, 3, 4, 32))).isEqualTo(expected);
    assertThat(HEX.formatHex(Argon2.bouncyCastle(type, password, salt, secret, data, 32, 3, 4, 32)))
        .isEqualTo(expected);
    assertThat(HEX.formatHex(Argon2.derive(type, password, salt, secret, data, 32, 3, 4, 32))).isEqualTo(expected);
  }

  @Test
  void refusesParametersOutsideRfc9106() {
    byte[] salt = new byte[16];
    assertThatThrownBy(() -> Argon2.derive(Type.ARGON2ID, new byte[1], salt, 15, 1, 2, 32))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("15 KiB");
    assertThatThrownBy(() -> Argon2.derive(Type.ARGON2ID, new byte[1], salt, 64, 0, 1, 32))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Argon2.derive(Type.ARGON2ID, new byte[1], salt, 64, 1, 0, 32))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Argon2.derive(Type.ARGON2ID, new byte[1], salt, 64, 1, 1, 3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Argon2.derive(Type.ARGON2ID, new byte[1], new byte[7], 64, 1, 1, 32))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("salt of 7 bytes");
    assertThatThrownBy(() -> Argon2.derive(Type.ARGON2ID, new byte[1], salt, Integer.MAX_VALUE, 1, 1, 32))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than one Java array");
    assertThatThrownBy(() -> Argon2.compute(Type.ARGON2ID, new byte[1], salt, new byte[0], new byte[0], 16 << 20, 1, 1,
        32)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than one Java array");
  }

  /** The memory, the first and last blocks, the hash chain and the work blocks are zeroed; the output is not. */
  @Test
  void wipesItsIntermediates() {
    byte[][] result = new byte[1][];
    Wipes.Observed w = Wipes.during(
        () -> result[0] = Argon2.compute(Type.ARGON2ID, "secret".getBytes(StandardCharsets.US_ASCII), new byte[16],
            new byte[0], new byte[0], 64, 1, 2, 80));
    assertThat(w.tags()).contains("argon2-h0", "argon2-memory", "argon2-first-block", "argon2-addresses",
        "argon2-last-block", "argon2-hash-chain", "argon2-block");
    assertThat(w.buffers()).allMatch(Wipe::isWiped).noneMatch(b -> b == result[0]);
    assertThat(Wipe.isWiped(result[0])).isFalse();
  }

  /** One lane runs on the calling thread alone; more lanes give the same result however the pool shares them. */
  @Test
  void oneLaneRunsOnTheCallingThreadAndLanesInParallelAgree() {
    Wipes.Observed w = Wipes.during(() -> Argon2.compute(Type.ARGON2ID, new byte[] {7}, new byte[8], new byte[0],
        new byte[0], 64, 2, 1, 32));
    assertThat(w.seen()).isNotEmpty().allMatch(s -> s.thread() == Thread.currentThread());
    for (int lanes : new int[] {2, 3, 8, 16}) {
      byte[] ours = Argon2.compute(Type.ARGON2D, new byte[] {7}, new byte[8], new byte[0], new byte[0],
          lanes * 64, 3, lanes, 32);
      assertThat(ours).as("%d lanes", lanes).isEqualTo(Argon2.bouncyCastle(Type.ARGON2D, new byte[] {7}, new byte[8],
          new byte[0], new byte[0], lanes * 64, 3, lanes, 32));
    }
  }

  /** x86-64 (CI's machine, and this one) computes with keypair's code; other platforms with BouncyCastle's. */
  @Test
  void computesItselfOnX86() {
    String arch = System.getProperty("os.arch");
    assertThat(Argon2.OWN).isEqualTo(arch.equals("amd64") || arch.equals("x86_64"));
  }

  @Test
  void holdsEachBlockByWord() {
    boolean[] seen = new boolean[128];
    for (int n = 0; n < 128; n++) {
      seen[Argon2.byWord(n)] = true;
    }
    assertThat(Argon2.byWord(0)).isZero();
    assertThat(Argon2.byWord(1)).isEqualTo(8);
    assertThat(Argon2.byWord(16)).isEqualTo(1);
    boolean[] all = new boolean[128];
    Arrays.fill(all, true);
    assertThat(seen).isEqualTo(all);
  }

  private static byte[] filled(int length, int value) {
    byte[] b = new byte[length];
    Arrays.fill(b, (byte) value);
    return b;
  }
}
