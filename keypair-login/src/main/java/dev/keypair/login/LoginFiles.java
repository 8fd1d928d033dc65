package dev.keypair.login;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** Reading the files the login helpers edit or examine, the one way. */
final class LoginFiles {

  private LoginFiles() {}

  /**
   * The bytes of {@code file}, which must be a regular file (a folder, a device such as {@code /dev/zero} or a pipe
   * is refused before it is opened), read up to one byte past {@link KeyPairLimits#maxInputBytes()}.
   *
   * @throws KeyPairException {@link ErrorCode#UNREADABLE} for anything but a regular file,
   *     {@link ErrorCode#INPUT_TOO_LARGE} ({@code what} names it) over the cap
   * @throws java.nio.file.NoSuchFileException if there is no such file
   */
  static byte[] readRegular(Path file, KeyPairLimits limits, String what) throws IOException {
    if (!Files.readAttributes(file, BasicFileAttributes.class).isRegularFile()) {
      throw new KeyPairException(ErrorCode.UNREADABLE, file + " is not a regular file");
    }
    byte[] content;
    try (InputStream in = Files.newInputStream(file)) {
      content = in.readNBytes(limits.maxInputBytes() + 1);
    }
    limits.checkInputSize(content.length, what);
    return content;
  }
}
