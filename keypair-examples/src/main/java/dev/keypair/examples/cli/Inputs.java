package dev.keypair.examples.cli;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.formats.DecodedPublicKey;
import dev.keypair.formats.PublicKeys;
import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.commons.cli.Option;

/** Reads {@code --in FILE} (or {@code -} for standard input) with the input cap applied first. */
final class Inputs {

  private Inputs() {}

  /** The {@code --in FILE} option every command that reads a key has. */
  static Option in() {
    return Option.builder().longOpt("in").hasArg().argName("FILE").required()
        .desc("Key file, or - for standard input.").get();
  }

  /** How long a FIFO (a named pipe, {@code <(command)}) may go without a writer before it is refused. */
  static final long PIPE_OPEN_MILLIS = 2000;

  /**
   * The input as a buffered stream; the caller closes it (standard input is never closed). Only a regular file or a
   * pipe is opened: a folder, a device ({@code /dev/zero}) or a socket is refused before opening, and a pipe that no
   * process opens for writing within {@link #PIPE_OPEN_MILLIS} is refused instead of waiting for ever.
   */
  static BufferedInputStream open(String in) {
    if (in.equals("-")) {
      return new BufferedInputStream(System.in) {
        @Override
        public void close() {
          // standard input belongs to the process
        }
      };
    }
    return openFile(in);
  }

  /** {@code file} (never standard input) as {@link #open} opens it. */
  static BufferedInputStream openFile(String in) {
    try {
      Path p = Path.of(in);
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
      if (a.isDirectory()) {
        throw unreadable(in, "is a directory");
      }
      if (a.isRegularFile()) {
        return new BufferedInputStream(Files.newInputStream(p), 1 << 16);
      }
      if (!isFifo(p)) {
        throw unreadable(in, "is not a regular file or a pipe");
      }
      return new BufferedInputStream(openPipe(p, in), 1 << 16);
    } catch (InvalidPathException e) {
      throw unreadable(in, "not a valid path");
    } catch (NoSuchFileException e) {
      throw unreadable(in, "no such file");
    } catch (AccessDeniedException e) {
      throw unreadable(in, "permission denied");
    } catch (IOException e) {
      throw unreadable(in, e.getClass().getSimpleName());
    }
  }

  private static boolean isFifo(Path p) throws IOException {
    try {
      return (((Integer) Files.getAttribute(p, "unix:mode")) & 0170000) == 0010000; // S_IFIFO
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      return false; // no "unix" view: refused like any other non-regular file
    }
  }

  /** Opening a FIFO waits for a writer: done on a daemon thread, given up after {@link #PIPE_OPEN_MILLIS}. */
  private static InputStream openPipe(Path p, String in) throws IOException {
    CompletableFuture<InputStream> opened = new CompletableFuture<>();
    Thread opener = new Thread(() -> {
      try {
        // a FileInputStream, not Files.newInputStream: that stream's available() seeks, which a pipe cannot
        InputStream s = new FileInputStream(p.toFile());
        if (!opened.complete(s)) {
          s.close(); // too late: the command has given up
        }
      } catch (IOException | RuntimeException e) {
        opened.completeExceptionally(e);
      }
    }, "keypair-open-pipe");
    opener.setDaemon(true);
    opener.start();
    try {
      return opened.get(PIPE_OPEN_MILLIS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      opened.cancel(false);
      throw unreadable(in, "a pipe that nothing writes to (waited " + PIPE_OPEN_MILLIS + " ms)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unreadable(in, "interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException) {
        throw (IOException) e.getCause();
      }
      throw unreadable(in, e.getCause().getClass().getSimpleName());
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
