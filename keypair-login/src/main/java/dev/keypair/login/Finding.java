package dev.keypair.login;

import java.io.IOException;
import java.util.Objects;

/**
 * One reason a login would be refused, found by {@link LoginDoctor}: how bad it is, a stable code, what is wrong,
 * and the shell command that fixes it.
 *
 * <p>{@link #toString()} is the line the command prints: {@code ERROR Ssh.Mode: what is wrong; fix: COMMAND}.
 */
public final class Finding {

  /** How bad a finding is. */
  public enum Severity {
    /** The login is refused because of it (sshd's StrictModes, ssh's own checks, a key that is not there). */
    ERROR,
    /** Accepted by ssh and sshd, but not what the providers' guides set up, or not checkable. */
    WARN
  }

  /** A fix {@link LoginDoctor#fix} can apply by itself. */
  @FunctionalInterface
  interface Action {
    void apply() throws IOException;
  }

  private final Severity severity;
  private final String code;
  private final String message;
  private final String fixCommand;
  private final Action action;

  Finding(Severity severity, String code, String message, String fixCommand, Action action) {
    this.severity = Objects.requireNonNull(severity, "severity");
    this.code = Objects.requireNonNull(code, "code");
    this.message = Objects.requireNonNull(message, "message");
    this.fixCommand = Objects.requireNonNull(fixCommand, "fixCommand");
    this.action = action;
  }

  public Severity severity() {
    return severity;
  }

  /** The finding's code, such as {@code Home.Mode}; the codes are listed on {@link LoginDoctor}. */
  public String code() {
    return code;
  }

  /** What is wrong, one line. */
  public String message() {
    return message;
  }

  /** The command that fixes it, with paths quoted for a POSIX shell. */
  public String fixCommand() {
    return fixCommand;
  }

  /** Whether {@link LoginDoctor#fix} applies this fix (modes, owners, a missing folder or key line). */
  public boolean canFix() {
    return action != null;
  }

  Action action() {
    return action;
  }

  /** {@code SEVERITY CODE: message; fix: COMMAND}. */
  @Override
  public String toString() {
    return severity + " " + code + ": " + message + "; fix: " + fixCommand;
  }
}
