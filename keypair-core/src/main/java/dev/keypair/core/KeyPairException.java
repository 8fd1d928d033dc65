package dev.keypair.core;

import java.util.Objects;

/**
 * The one exception keypair throws for bad data and refused operations.
 *
 * <p>Every decoder is total: on any input it returns a result or throws this exception, never an
 * index error, an {@code OutOfMemoryError} or a raw JDK or BouncyCastle exception. The {@link #code()}
 * says what kind of failure it is and the message, one line, says where ("field 'n' at offset 23").
 * Messages never contain key material or passphrases.
 *
 * <p>Caller mistakes (a null argument, a negative size) are {@link NullPointerException} and
 * {@link IllegalArgumentException} instead; I/O failures of a method that takes a path or stream are
 * {@link java.io.IOException}.
 */
public class KeyPairException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public KeyPairException(ErrorCode code, String message) {
    super(checkMessage(message));
    this.code = Objects.requireNonNull(code, "code");
  }

  public KeyPairException(ErrorCode code, String message, Throwable cause) {
    super(checkMessage(message), cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  private static String checkMessage(String message) {
    Objects.requireNonNull(message, "message");
    // one line, always: the command prints it as "keypair: CODE: message"
    return message.indexOf('\n') < 0 && message.indexOf('\r') < 0
        ? message
        : message.replace('\r', ' ').replace('\n', ' ');
  }

  /** What kind of failure this is. */
  public ErrorCode code() {
    return code;
  }

  /** {@code CODE: message}, the form the command prints. */
  @Override
  public String toString() {
    return code.id() + ": " + getMessage();
  }
}
