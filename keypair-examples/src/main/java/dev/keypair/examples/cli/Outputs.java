package dev.keypair.examples.cli;

import dev.keypair.core.Passphrase;
import dev.keypair.formats.KeyFiles;
import dev.keypair.formats.KeyProtection;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.commons.cli.Option;

/** Writing keys: key files owner-only and atomically (see {@link KeyFiles}), and how they are protected. */
final class Outputs {

  private Outputs() {}

  static Option out(boolean required) {
    Option.Builder b = Option.builder().longOpt("out").hasArg().argName("FILE");
    return (required ? b.required() : b).desc("The file to write (owner read/write only for a private key; "
        + "created that way, never widened afterwards).").get();
  }

  static Option force() {
    return Option.builder().longOpt("force").desc("Replace an existing output file (by rename, never in place).").get();
  }

  /**
   * Protection for {@code passphrase}: none for null (no passphrase file given) or an empty first line
   * (said on stderr, since a private key is then written in the clear), else encryption.
   */
  static KeyProtection protection(Passphrase passphrase) {
    if (passphrase != null && passphrase.isEmpty()) {
      Streams.warning("the new passphrase is empty: the private key is written unencrypted");
    }
    return passphrase == null || passphrase.isEmpty()
        ? KeyProtection.none(dev.keypair.core.InsecureSecretAccess.get())
        : KeyProtection.passphrase(passphrase);
  }

  static void writePrivate(String file, byte[] content, boolean force) {
    try {
      KeyFiles.writePrivate(Path.of(file), content, KeyFiles.WriteOptions.safe().withReplaceExisting(force));
    } catch (IOException e) {
      throw unwritable(file, e);
    }
  }

  static void writePublic(String file, byte[] content, boolean force) {
    try {
      KeyFiles.writePublic(Path.of(file), content, KeyFiles.WriteOptions.safe().withReplaceExisting(force));
    } catch (IOException e) {
      throw unwritable(file, e);
    }
  }

  static dev.keypair.core.KeyPairException unwritable(String file, IOException e) {
    return new dev.keypair.core.KeyPairException(
        dev.keypair.core.ErrorCode.of("Output.Unwritable", dev.keypair.core.ErrorCode.Category.INPUT),
        "cannot write " + file + ": " + e.getClass().getSimpleName());
  }
}
