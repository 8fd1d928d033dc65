package dev.keypair.formats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A child JVM for {@link KeyFilesCrashTest}: {@code TARGET FILE_A FILE_B} replaces TARGET with the bytes of FILE_A,
 * then FILE_B, then FILE_A, ... with {@link KeyFiles#writePrivate} until it is killed. Prints {@code READY} once the
 * first write has returned.
 */
public final class KeyFilesChild {

  private KeyFilesChild() {}

  public static void main(String[] args) throws IOException {
    Path target = Path.of(args[0]);
    byte[][] contents = {Files.readAllBytes(Path.of(args[1])), Files.readAllBytes(Path.of(args[2]))};
    KeyFiles.WriteOptions replace = KeyFiles.WriteOptions.safe().withReplaceExisting(true);
    for (long i = 0; ; i++) {
      KeyFiles.writePrivate(target, contents[(int) (i & 1)], replace);
      if (i == 0) {
        System.out.println("READY");
        System.out.flush();
      }
    }
  }
}
