package dev.keypair.examples.cli;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code keypair} command: a thin layer over keypair's public API (see ../shared/CLI.md for the
 * contract: names, output and exit codes).
 *
 * <p>Exit codes: 0 success; 1 a negative answer; 2 bad usage; 3 bad input (the error code's category
 * is {@link ErrorCode.Category#INPUT}); 4 refused by a rule ({@link ErrorCode.Category#POLICY}); 5 an
 * internal error (a defect; the contract does not list it). Errors are one line on stderr,
 * {@code keypair: CODE: message}; {@code --debug} adds the stack trace.
 */
@Command(name = "keypair", mixinStandardHelpOptions = true, versionProvider = KeypairCommand.Version.class,
    description = "SSH key pairs: read and write every key format, fingerprint keys as ssh-keygen and the "
        + "cloud consoles do.",
    subcommands = {PublicCommand.class, FingerprintCommand.class, VerifyCommand.class},
    usageHelpAutoWidth = true)
public final class KeypairCommand implements Runnable {

  static final int OK = 0;
  static final int NEGATIVE = 1;
  static final int USAGE = 2;
  static final int BAD_INPUT = 3;
  static final int REFUSED = 4;
  static final int INTERNAL = 5;

  @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
      description = "On an error, print the stack trace after the one-line message.")
  boolean debug;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command with the given streams; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    CommandLine cl = new CommandLine(new KeypairCommand());
    PrintWriter errWriter = new PrintWriter(err, true, StandardCharsets.UTF_8);
    cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cl.setErr(errWriter);
    cl.setParameterExceptionHandler((ex, a) -> {
      err.println("keypair: Usage.Invalid: " + oneLine(ex.getMessage()) + usageHint(ex.getCommandLine()));
      return USAGE;
    });
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      boolean debug = commandLine.getCommandSpec().root().userObject() instanceof KeypairCommand k && k.debug;
      return report(ex, err, debug);
    });
    Streams.set(out);
    return cl.execute(args);
  }

  static int report(Exception ex, PrintStream err, boolean debug) {
    int code;
    if (ex instanceof KeyPairException kpe) {
      err.println("keypair: " + kpe.code().id() + ": " + oneLine(kpe.getMessage()));
      code = switch (kpe.code().category()) {
        case INPUT -> BAD_INPUT;
        case POLICY -> REFUSED;
        case INTERNAL -> INTERNAL;
      };
    } else {
      err.println("keypair: " + ErrorCode.INTERNAL.id() + ": " + ex.getClass().getSimpleName()
          + (ex.getMessage() == null ? "" : ": " + oneLine(ex.getMessage())));
      code = INTERNAL;
    }
    if (debug) {
      StringWriter sw = new StringWriter();
      ex.printStackTrace(new PrintWriter(sw));
      err.print(sw);
    }
    return code;
  }

  private static String usageHint(CommandLine cl) {
    String name = cl.getCommandSpec().qualifiedName();
    return " (see '" + name + " --help')";
  }

  static String oneLine(String s) {
    return s == null ? "" : s.replace('\r', ' ').replace('\n', ' ').strip();
  }

  /** Prints the version of keypair-examples' jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = KeypairCommand.class.getPackage().getImplementationVersion();
      return new String[] {"keypair " + (v == null ? "(development build)" : v)};
    }
  }
}
