package dev.keypair.examples.cli;

import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;

/** The parsed options of one command, with the checks the option parser does not make. */
final class CommandArgs {

  private final CommandLine line;

  CommandArgs(CommandLine line) {
    this.line = line;
  }

  /** The arguments after the options, for a command with subcommands. */
  List<String> rest() {
    return line.getArgList();
  }

  /** Every value of a repeatable option, in order; empty when it is not given. */
  List<String> values(String option) {
    String[] v = line.getOptionValues(option);
    return v == null ? List.of() : List.of(v);
  }

  boolean has(String option) {
    return line.hasOption(option);
  }

  /** The value of a required option (the parser has checked it is there). */
  String value(String option) {
    return line.getOptionValue(option);
  }

  /** The value of an optional option, or {@code otherwise}. */
  String value(String option, String otherwise) {
    return line.getOptionValue(option, otherwise);
  }

  /** The value of {@code option} looked up in {@code choices}; an unknown value is a usage error naming them. */
  <T> T choice(String option, String otherwise, Map<String, T> choices) {
    String v = value(option, otherwise);
    T t = choices.get(v);
    if (t == null) {
      throw new UsageException("unknown value '" + v + "' for --" + option + "; expected "
          + String.join(", ", choices.keySet()));
    }
    return t;
  }
}
