package dev.keypair.examples.cli;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.Passphrase;
import dev.keypair.core.internal.Wipe;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.apache.commons.cli.Option;

/**
 * Passphrases come from files, never from the command line: the first line of the file, without its
 * line end (LF or CRLF) and without a leading UTF-8 byte order mark, as UTF-8. A file with no line at
 * all (zero bytes: often a secret that expanded to nothing) is an error; a first line that is empty
 * means "no passphrase", which for a new key is said on stderr.
 */
final class Passphrases {

  /** Longest passphrase file read: a file of one line, so the longest line (64 KiB by default). */
  private static final int MAX_FILE = KeyPairLimits.defaults().maxLineBytes();

  private Passphrases() {}

  static Option passphraseFile() {
    return Option.builder().longOpt("passphrase-file").hasArg().argName("FILE")
        .desc("File whose first line is the passphrase of an encrypted input.").get();
  }

  static Option newPassphraseFile() {
    return Option.builder().longOpt("new-passphrase-file").hasArg().argName("FILE")
        .desc("File whose first line is the passphrase to encrypt the output with; an empty first line "
            + "writes it unencrypted.").get();
  }

  /** The passphrase in {@code file}, or null if {@code file} is null. */
  static Passphrase read(String file) {
    if (file == null) {
      return null;
    }
    byte[] content;
    try (InputStream s = Inputs.openFile(file)) {
      content = s.readNBytes(MAX_FILE + 1);
    } catch (IOException e) {
      throw Inputs.unreadable(file, e.getClass().getSimpleName());
    }
    if (content.length > MAX_FILE) {
      Wipe.wipe("cli-passphrase-file", content);
      throw new KeyPairException(ErrorCode.INPUT_TOO_LARGE, "the passphrase file " + file + " is over "
          + MAX_FILE + " bytes");
    }
    if (content.length == 0) {
      throw new KeyPairException(ErrorCode.of("Passphrase.EmptyFile", ErrorCode.Category.INPUT),
          "the passphrase file " + file + " is empty; an empty first line means no passphrase");
    }
    int start = content.length >= 3 && (content[0] & 0xff) == 0xef && (content[1] & 0xff) == 0xbb
        && (content[2] & 0xff) == 0xbf ? 3 : 0;
    int end = start;
    while (end < content.length && content[end] != '\n') {
      end++;
    }
    if (end > start && content[end - 1] == '\r') {
      end--;
    }
    byte[] line = Arrays.copyOfRange(content, start, end);
    try {
      return Passphrase.fromUtf8(line);
    } finally {
      Wipe.wipe("cli-passphrase-file", content);
      Wipe.wipe("cli-passphrase-line", line);
    }
  }
}
