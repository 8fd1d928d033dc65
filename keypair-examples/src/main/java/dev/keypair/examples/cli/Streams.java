package dev.keypair.examples.cli;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The command's standard output and error. Output is written as bytes (comments are bytes, not
 * text); a failed write (a closed pipe, a full disk) is an error, not a silent success.
 */
final class Streams {

  private static PrintStream out = System.out;
  private static PrintStream err = System.err;

  private Streams() {}

  static void set(PrintStream outStream, PrintStream errStream) {
    out = outStream;
    err = errStream;
  }

  /** Writes {@code bytes} followed by a line feed. */
  static void println(byte[] bytes) {
    try {
      out.write(bytes);
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    check();
  }

  static void println(String text) {
    println(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes bytes that already end with their line feed. */
  static void write(byte[] bytes) {
    try {
      out.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    check();
  }

  /** One line on standard error, in the command's error form: {@code keypair: CODE: message}. */
  static void error(KeyPairException e) {
    error(e.code(), e.getMessage());
  }

  /** One error line for a refusal that does not end the command (one instance of an attach). */
  static void error(ErrorCode code, String message) {
    err.println("keypair: " + code.id() + ": " + KeypairCommand.oneLine(message));
    err.flush();
  }

  /** A line for the user on stderr, {@code keypair: KIND: message}, that leaves standard output to the result. */
  static void note(String kind, String message) {
    err.println("keypair: " + kind + ": " + KeypairCommand.oneLine(message));
    err.flush();
  }

  /** A warning on stderr: {@code keypair: warning: message}; the command goes on. */
  static void warning(String message) {
    note("warning", message);
  }

  private static void check() {
    out.flush();
    if (out.checkError()) {
      throw new KeyPairException(ErrorCode.of("Output.Failed", ErrorCode.Category.INTERNAL),
          "could not write to standard output");
    }
  }
}
