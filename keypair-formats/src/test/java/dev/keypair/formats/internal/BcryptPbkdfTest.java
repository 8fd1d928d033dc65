package dev.keypair.formats.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypair.core.internal.Wipe;
import dev.keypair.testsupport.Wipes;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.apache.sshd.common.config.keys.loader.openssh.kdf.BCrypt;
import org.junit.jupiter.api.Test;

/**
 * bcrypt_pbkdf against MINA sshd-common's implementation (an independent Java port) and a published
 * vector; against ssh-keygen itself in {@code OpenSshPrivateKeysInteropTest}, which decrypts files that
 * ssh-keygen encrypted.
 */
class BcryptPbkdfTest {

  @Property(tries = 150)
  void derivesAsMina(@ForAll @Size(min = 1, max = 100) byte[] passphrase, @ForAll @Size(min = 1, max = 64) byte[] salt,
      @ForAll @IntRange(min = 1, max = 3) int rounds, @ForAll @IntRange(min = 1, max = 160) int length) {
    byte[] theirs = new byte[length];
    new BCrypt().pbkdf(passphrase, salt, rounds, theirs);
    assertThat(BcryptPbkdf.derive(passphrase, salt, rounds, length)).isEqualTo(theirs);
  }

  /** Every output length OpenSSH's ciphers ask for, and the longest bcrypt_pbkdf gives. */
  @Test
  void derivesAsMinaForEveryCipherLength() {
    byte[] pass = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
    byte[] salt = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");
    for (int length : new int[] {24, 28, 32, 40, 44, 48, 56, 64, BcryptPbkdf.MAX_OUTPUT}) {
      byte[] theirs = new byte[length];
      new BCrypt().pbkdf(pass, salt, 2, theirs);
      assertThat(BcryptPbkdf.derive(pass, salt, 2, length)).as("length %d", length).isEqualTo(theirs);
    }
  }

  /** The vector of the python bcrypt package's tests: "password", "salt", 4 rounds, 32 bytes. */
  @Test
  void publishedVector() {
    byte[] key = BcryptPbkdf.derive("password".getBytes(StandardCharsets.US_ASCII),
        "salt".getBytes(StandardCharsets.US_ASCII), 4, 32);
    assertThat(HexFormat.of().formatHex(key))
        .isEqualTo("5bbf0cc293587f1c3635555c27796598d47e579071bf427e9d8fbe842aba34d9");
  }

  @Test
  void refusesWhatOpenBsdRefuses() {
    byte[] one = {1};
    assertThatThrownBy(() -> BcryptPbkdf.derive(new byte[0], one, 1, 16)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BcryptPbkdf.derive(one, new byte[0], 1, 16)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BcryptPbkdf.derive(one, one, 0, 16)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BcryptPbkdf.derive(one, one, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BcryptPbkdf.derive(one, one, 1, BcryptPbkdf.MAX_OUTPUT + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * Everything derived from the passphrase is zeroed through Wipe, each block's buffers by the thread
   * that computed the block and before derive returns; the output is the caller's.
   */
  @Test
  void wipesItsIntermediates() {
    for (int length : new int[] {32, 48, BcryptPbkdf.MAX_OUTPUT}) {
      byte[][] result = new byte[1][];
      Wipes.Observed w = Wipes.during(
          () -> result[0] = BcryptPbkdf.derive("secret".getBytes(StandardCharsets.US_ASCII), new byte[16], 2, length));
      byte[] out = result[0];
      List<String> tags = w.tags();
      assertThat(tags).as("length %d", length).contains("bcrypt-sha2pass", "bcrypt-passwords", "bcrypt-saltwords");
      int blocks = (length + 31) / 32;
      for (String perBlock : List.of("bcrypt-sha2salt", "bcrypt-countsalt", "bcrypt-block", "bcrypt-out",
          "bcrypt-cdata", "blowfish-p", "blowfish-s")) {
        assertThat(w.seen().stream().filter(s -> s.tag().equals(perBlock)).map(Wipes.Seen::buffer).distinct())
            .as("length %d, %s", length, perBlock).hasSize(blocks);
      }
      assertThat(tags).doesNotContain("bcrypt-partial-output");
      assertThat(w.buffers()).allMatch(Wipe::isWiped).noneMatch(b -> b == out);
      assertThat(Wipe.isWiped(out)).isFalse();
    }
  }

  /** Up to 32 bytes (one block) the calling thread does all the work, without any pool. */
  @Test
  void oneBlockRunsOnTheCallingThread() {
    for (int length : new int[] {1, 24, 32}) {
      Wipes.Observed w = Wipes.during(() -> BcryptPbkdf.derive(new byte[] {7}, new byte[] {9}, 3, length));
      assertThat(w.seen()).isNotEmpty().allMatch(s -> s.thread() == Thread.currentThread());
    }
  }

  /**
   * An interrupted caller still gets the full, right output (the blocks run to the end: their
   * threads wipe what they hold) and keeps its interrupt status.
   */
  @Test
  void anInterruptedCallerGetsTheKeyAndKeepsItsInterrupt() {
    byte[] pass = "interrupted".getBytes(StandardCharsets.US_ASCII);
    byte[] salt = new byte[16];
    for (int length : new int[] {48, 64}) {
      byte[] theirs = new byte[length];
      new BCrypt().pbkdf(pass, salt, 16, theirs);
      Thread.currentThread().interrupt();
      byte[] ours;
      try {
        ours = BcryptPbkdf.derive(pass, salt, 16, length);
      } finally {
        assertThat(Thread.interrupted()).as("interrupt status kept").isTrue();
      }
      assertThat(ours).isEqualTo(theirs);
    }
  }
}
