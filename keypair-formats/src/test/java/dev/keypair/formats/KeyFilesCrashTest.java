package dev.keypair.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.InsecureSecretAccess;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.testsupport.TestKeys;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * HOSTILE 32: a child JVM replaces a key file again and again with {@link KeyFiles#writePrivate} and is killed with
 * SIGKILL at a random moment, 200 times. After every kill the target is the whole old or the whole new key, owner-only;
 * what the killed writer left of its temporary file is owner-only too, holds a prefix of a key, and is deleted by the
 * next write to the target.
 */
class KeyFilesCrashTest {

  private static final int KILLS = 200;
  private static final String RW_OWNER = "rw-------";

  @TempDir
  Path dir;

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void hostile32KilledWriterLeavesTheOldOrTheNewKeyAndNoReadableLeftovers() throws Exception {
    SshPrivateKey[] keys = {TestKeys.ed25519Private(32).withComment(dev.keypair.core.Comment.of("old " + "o".repeat(300))),
        TestKeys.ed25519Private(33).withComment(dev.keypair.core.Comment.of("new"))};
    byte[][] contents = new byte[2][];
    Path[] sources = new Path[2];
    for (int i = 0; i < 2; i++) {
      contents[i] = PrivateKeys.encode(keys[i], PrivateKeyFormat.OPENSSH, KeyProtection.none(InsecureSecretAccess.get()));
      sources[i] = Files.write(dir.resolve("source-" + i), contents[i]);
    }
    Path keyDir = Files.createDirectory(dir.resolve("keys"));
    Path target = keyDir.resolve("id_ed25519");
    Random random = new Random(32_2026);
    int[] seen = new int[2];
    int leftoversSeen = 0;
    for (int kill = 0; kill < KILLS; kill++) {
      Process child = start(target, sources);
      try {
        String ready = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))
            .readLine();
        assertThat(ready).as("child %d: %s", kill, Files.readString(dir.resolve("child.err"))).isEqualTo("READY");
        LockSupport.parkNanos(random.nextInt(30_000_000)); // 0 to 30 ms of writes, a few dozen replacements
      } finally {
        child.toHandle().destroyForcibly(); // SIGKILL
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }

      byte[] now = Files.readAllBytes(target);
      int which = Arrays.equals(now, contents[0]) ? 0 : Arrays.equals(now, contents[1]) ? 1 : -1;
      assertThat(which).as("after kill %d the target is one of the two keys, whole", kill).isNotNegative();
      seen[which]++;
      assertThat(PrivateKeys.decode(now, null, KeyPairLimits.defaults()).requirePrivateKey().sameKey(keys[which]))
          .isTrue();
      assertThat(mode(target)).isEqualTo(RW_OWNER);
      List<Path> leftovers = leftovers(keyDir);
      for (Path p : leftovers) {
        assertThat(mode(p)).as("leftover %s", p.getFileName()).isEqualTo(RW_OWNER);
        byte[] partial = Files.readAllBytes(p);
        assertThat(isPrefix(partial, contents[0]) || isPrefix(partial, contents[1])).isTrue();
      }
      // the one write in flight at most: each child's first write removed what the one before left
      assertThat(leftovers.stream().filter(p -> p.toFile().length() > 0)).hasSizeLessThanOrEqualTo(1);
      leftoversSeen += leftovers.size();
    }
    System.out.printf("KeyFilesCrashTest: %d kills, old key %d times, new key %d times, %d leftovers%n", KILLS,
        seen[0], seen[1], leftoversSeen);
    assertThat(seen[0]).isPositive();
    assertThat(seen[1]).isPositive();

    KeyFiles.writePrivate(target, contents[1], KeyFiles.WriteOptions.safe().withReplaceExisting(true));
    assertThat(Files.readAllBytes(target)).isEqualTo(contents[1]);
    assertThat(leftovers(keyDir)).allSatisfy(p -> assertThat(Files.size(p)).isZero());
  }

  private Process start(Path target, Path[] sources) throws Exception {
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
        "-cp", System.getProperty("java.class.path"), KeyFilesChild.class.getName(),
        target.toString(), sources[0].toString(), sources[1].toString());
    return new ProcessBuilder(command).redirectError(dir.resolve("child.err").toFile()).start();
  }

  static List<Path> leftovers(Path keyDir) throws Exception {
    try (Stream<Path> s = Files.list(keyDir)) {
      return s.filter(p -> p.getFileName().toString().contains(".tmp-")).toList();
    }
  }

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  private static boolean isPrefix(byte[] part, byte[] whole) {
    return part.length <= whole.length && Arrays.equals(part, 0, part.length, whole, 0, part.length);
  }
}
