package dev.keypair.examples.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/** The command's standard output, written as bytes (comments are bytes, not text). */
final class Streams {

  private static PrintStream out = System.out;

  private Streams() {}

  static void set(PrintStream stream) {
    out = stream;
  }

  /** Writes {@code bytes} followed by a line feed. */
  static void println(byte[] bytes) {
    try {
      out.write(bytes);
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void println(String text) {
    println(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Writes bytes that already end with their line feed. */
  static void write(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
