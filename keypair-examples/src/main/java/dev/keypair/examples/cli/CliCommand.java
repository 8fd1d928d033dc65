package dev.keypair.examples.cli;

import org.apache.commons.cli.Options;

/** One command of {@code keypair}: its name, its options, and what it does with them. */
interface CliCommand {

  /** The word that selects the command: {@code fingerprint}. */
  String name();

  /** {@code keypair NAME ...}: the usage line after the name. */
  String synopsis();

  /** What the command does, for {@code --help}. */
  String description();

  /** The command's options; {@code --help} and {@code --debug} are added for every command. */
  Options options();

  /**
   * Whether the command has subcommands ({@code registry create ...}): its options are then parsed up to
   * the first argument that is not one, and the rest is left to the command ({@link CommandArgs#rest()}).
   */
  default boolean takesSubcommands() {
    return false;
  }

  /** More help text after the options (preformatted lines, each ending with a line end), or "". */
  default String details() {
    return "";
  }

  /** Runs the command; returns the exit code. Bad data is a {@code KeyPairException}, bad usage a {@link UsageException}. */
  int run(CommandArgs args);
}
