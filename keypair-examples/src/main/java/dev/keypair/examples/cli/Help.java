package dev.keypair.examples.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** The text of {@code --help}, wrapped at 80 columns. */
final class Help {

  private static final int WIDTH = 80;

  private Help() {}

  static String top(Collection<CliCommand> commands) {
    StringBuilder sb = new StringBuilder("Usage: keypair [--debug] COMMAND [OPTIONS]\n\n");
    wrap(sb, "SSH key pairs: read and write every key format, fingerprint keys as ssh-keygen and the cloud "
        + "consoles do.", "");
    sb.append("\nCommands:\n");
    for (CliCommand c : commands) {
      row(sb, c.name(), firstSentence(c.description()), 14);
    }
    sb.append('\n');
    wrap(sb, "Run 'keypair COMMAND --help' for a command's options. Exit codes: 0 success, 1 a negative answer, "
        + "2 bad usage, 3 bad input, 4 refused by a rule, 5 internal error.", "");
    return sb.toString();
  }

  static String command(CliCommand command, Options options) {
    StringBuilder sb = new StringBuilder("Usage: keypair " + command.name() + " " + command.synopsis() + "\n\n");
    wrap(sb, command.description(), "");
    sb.append("\nOptions:\n");
    List<String> names = new ArrayList<>();
    int width = 0;
    for (Option o : options.getOptions()) {
      String n = "--" + o.getLongOpt() + (o.hasArg() ? " " + o.getArgName() : "");
      names.add(n);
      width = Math.max(width, n.length());
    }
    int i = 0;
    for (Option o : options.getOptions()) {
      row(sb, names.get(i++), o.getDescription(), width + 4);
    }
    if (!command.details().isEmpty()) {
      sb.append('\n').append(command.details());
    }
    return sb.toString();
  }

  private static String firstSentence(String s) {
    int dot = s.indexOf(". ");
    int q = s.indexOf("? ");
    int end = dot < 0 ? q : q < 0 ? dot : Math.min(dot, q);
    return end < 0 ? s : s.substring(0, end + 1);
  }

  private static void row(StringBuilder sb, String left, String text, int column) {
    String head = "  " + left + " ".repeat(Math.max(1, column - left.length()));
    wrap(sb, text, head, " ".repeat(head.length()));
  }

  private static void wrap(StringBuilder sb, String text, String indent) {
    wrap(sb, text, indent, indent);
  }

  private static void wrap(StringBuilder sb, String text, String first, String rest) {
    StringBuilder line = new StringBuilder(first);
    boolean empty = true;
    for (String word : text.split(" ")) {
      if (!empty && line.length() + 1 + word.length() > WIDTH) {
        sb.append(line).append('\n');
        line = new StringBuilder(rest);
        empty = true;
      }
      if (!empty) {
        line.append(' ');
      }
      line.append(word);
      empty = false;
    }
    sb.append(line).append('\n');
  }
}
