package dev.keypair.examples.cli;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.formats.DecodedPublicKey;
import dev.keypair.formats.PublicKeys;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.Option;

/** Reads {@code --in FILE} (or {@code -} for standard input) with the input cap applied first. */
final class Inputs {

  private Inputs() {}

  /** The {@code --in FILE} option every command that reads a key has. */
  static Option in() {
    return Option.builder().longOpt("in").hasArg().argName("FILE").required()
        .desc("Key file, or - for standard input.").get();
  }

  /** The input as a buffered stream; the caller closes it (standard input is never closed). */
  static BufferedInputStream open(String in) {
    try {
      if (in.equals("-")) {
        return new BufferedInputStream(System.in) {
          @Override
          public void close() {
            // standard input belongs to the process
          }
        };
      }
      Path p = Path.of(in);
      if (Files.isDirectory(p)) {
        throw unreadable(in, "is a directory");
      }
      return new BufferedInputStream(Files.newInputStream(p), 1 << 16);
    } catch (NoSuchFileException e) {
      throw unreadable(in, "no such file");
    } catch (AccessDeniedException e) {
      throw unreadable(in, "permission denied");
    } catch (IOException e) {
      throw unreadable(in, e.getClass().getSimpleName());
    }
  }

  /** The bytes of the input, refused with {@link ErrorCode#INPUT_TOO_LARGE} past the limit. */
  static byte[] read(String in, KeyPairLimits limits) {
    try (InputStream s = open(in)) {
      return readCapped(s, in, limits);
    } catch (IOException e) {
      throw unreadable(in, e.getClass().getSimpleName());
    }
  }

  static byte[] readCapped(InputStream s, String in, KeyPairLimits limits) throws IOException {
    byte[] data = s.readNBytes(limits.maxInputBytes() + 1);
    limits.checkInputSize(data.length, in.equals("-") ? "standard input" : in);
    return data;
  }

  static KeyPairException unreadable(String in, String why) {
    return new KeyPairException(ErrorCode.UNREADABLE, "cannot read " + in + ": " + why);
  }

  /** Every public key in the input (several for an authorized_keys file). */
  static List<DecodedPublicKey> publicKeys(String in) {
    KeyPairLimits limits = KeyPairLimits.defaults();
    return PublicKeys.decodeAll(read(in, limits), limits);
  }

  /** The one public key in the input. */
  static DecodedPublicKey publicKey(String in) {
    KeyPairLimits limits = KeyPairLimits.defaults();
    return PublicKeys.decode(read(in, limits), limits);
  }
}
