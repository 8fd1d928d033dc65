package dev.keypair.examples.cli;

/** The command line is wrong (exit code 2). */
final class UsageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
