package dev.keypair.examples.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the command in-process, capturing its output, exit code and error lines. */
final class Cli {

  record Run(int exit, String out, String err) {
    /** The error output, which must be a single line. */
    String errLine() {
      return err.strip();
    }
  }

  private Cli() {}

  static Run run(String... args) {
    return runWithStdin(null, args);
  }

  static synchronized Run runWithStdin(byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    InputStream savedIn = System.in;
    try {
      if (stdin != null) {
        System.setIn(new ByteArrayInputStream(stdin));
      }
      int code = KeypairCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8));
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setIn(savedIn);
    }
  }
}
