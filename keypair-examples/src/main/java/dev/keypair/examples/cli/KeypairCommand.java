package dev.keypair.examples.cli;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * The {@code keypair} command: a thin layer over keypair's public API (../shared/CLI.md is the
 * contract: names, output and exit codes).
 *
 * <p>Arguments are parsed by Apache Commons CLI (exact option names only, no abbreviations). Exit
 * codes: 0 success; 1 a negative answer; 2 bad usage; 3 bad input (an error code of category
 * {@link ErrorCode.Category#INPUT}); 4 refused by a rule ({@link ErrorCode.Category#POLICY}); 5 an
 * internal error (a defect; the contract does not list it). Errors are one line on stderr,
 * {@code keypair: CODE: message}; {@code --debug} adds the stack trace.
 */
public final class KeypairCommand {

  static final int OK = 0;
  static final int NEGATIVE = 1;
  static final int USAGE = 2;
  static final int BAD_INPUT = 3;
  static final int REFUSED = 4;
  static final int INTERNAL = 5;

  private static final String USAGE_CODE = "Usage.Invalid";

  private KeypairCommand() {}

  /** The commands, in the order {@code --help} lists them. */
  static Map<String, CliCommand> commands() {
    Map<String, CliCommand> m = new LinkedHashMap<>();
    for (CliCommand c : List.of(new GenerateCommand(), new PublicCommand(), new ConvertCommand(),
        new FingerprintCommand(), new VerifyCommand(), new RegistryCommand(), new DoctorCommand(),
        new AuthorizedKeysCommand(), new SshConfigCommand(), new UserDataCommand())) {
      m.put(c.name(), c);
    }
    return m;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command with the given streams; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Streams.set(out, err);
    boolean debug = Arrays.asList(args).contains("--debug");
    try {
      return dispatch(args, out);
    } catch (UsageException e) {
      err.println("keypair: " + USAGE_CODE + ": " + oneLine(e.getMessage()) + " (see 'keypair --help')");
      return USAGE;
    } catch (Throwable e) {
      // an Error too: never the JVM's exit code 1 (which reads as "no match") with a stack trace
      return report(e, err, debug);
    }
  }

  private static int dispatch(String[] args, PrintStream out) {
    Options global = new Options()
        .addOption(Option.builder().longOpt("help").option("h").desc("Show this help and exit.").get())
        .addOption(Option.builder().longOpt("version").desc("Show the version and exit.").get())
        .addOption(debugOption());
    CommandLine g = parse(global, args, true);
    List<String> rest = g.getArgList();
    if (g.hasOption("version")) {
      out.println("keypair " + version());
      return OK;
    }
    if (rest.isEmpty() || (g.hasOption("help") && !commands().containsKey(rest.get(0)))) {
      if (g.hasOption("help")) {
        printTopHelp(out);
        return OK;
      }
      throw new UsageException("a command is required: " + String.join(", ", commands().keySet()));
    }
    CliCommand command = commands().get(rest.get(0));
    if (command == null) {
      throw new UsageException("unknown command '" + rest.get(0) + "'; commands: "
          + String.join(", ", commands().keySet()));
    }
    Options options = command.options();
    options.addOption(Option.builder().longOpt("help").option("h").desc("Show this help and exit.").get());
    options.addOption(debugOption());
    String[] commandArgs = rest.subList(1, rest.size()).toArray(String[]::new);
    if (g.hasOption("help") || Arrays.asList(commandArgs).contains("--help") || Arrays.asList(commandArgs).contains("-h")) {
      printCommandHelp(out, command, options);
      return OK;
    }
    CommandLine line = parse(options, commandArgs, command.takesSubcommands());
    if (!command.takesSubcommands() && !line.getArgList().isEmpty()) {
      throw new UsageException("unexpected argument '" + line.getArgList().get(0) + "' for " + command.name());
    }
    checkNotRepeated(options, line);
    return command.run(new CommandArgs(line));
  }

  /** A single-valued option given twice is a usage error (the parser would keep the first silently). */
  static void checkNotRepeated(Options options, CommandLine line) {
    for (Option o : options.getOptions()) {
      if (o.hasArg() && !o.hasArgs() && line.getOptionValues(o) != null && line.getOptionValues(o).length > 1) {
        throw new UsageException("--" + o.getLongOpt() + " given more than once");
      }
    }
  }

  static Option debugOption() {
    return Option.builder().longOpt("debug").desc("On an error, print the stack trace after the one-line message.")
        .get();
  }

  static CommandLine parse(Options options, String[] args, boolean stopAtCommand) {
    try {
      return DefaultParser.builder().setAllowPartialMatching(false).get().parse(options, args, stopAtCommand);
    } catch (ParseException e) {
      throw new UsageException(e.getMessage());
    }
  }

  static int report(Throwable ex, PrintStream err, boolean debug) {
    int code;
    if (ex instanceof KeyPairException) {
      KeyPairException kpe = (KeyPairException) ex;
      err.println("keypair: " + kpe.code().id() + ": " + oneLine(kpe.getMessage()));
      switch (kpe.code().category()) {
        case INPUT:
          code = BAD_INPUT;
          break;
        case POLICY:
          code = REFUSED;
          break;
        default:
          code = INTERNAL;
      }
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

  static String oneLine(String s) {
    return s == null ? "" : s.replace('\r', ' ').replace('\n', ' ').strip();
  }

  private static String version() {
    String v = KeypairCommand.class.getPackage().getImplementationVersion();
    return v == null ? "(development build)" : v;
  }

  private static void printTopHelp(PrintStream out) {
    out.print(Help.top(commands().values()));
    out.flush();
  }

  private static void printCommandHelp(PrintStream out, CliCommand command, Options options) {
    out.print(Help.command(command, options));
    out.flush();
  }
}
