package dev.keypair.examples.cli;

import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.login.SshConfigFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code keypair ssh-config}: adds or updates one {@code Host} block of an ssh config, leaving the rest as it was. */
final class SshConfigCommand implements CliCommand {

  @Override
  public String name() {
    return "ssh-config";
  }

  @Override
  public String synopsis() {
    return "--host ALIAS --hostname H --user U --identity FILE [--port N] [--config FILE]";
  }

  @Override
  public String description() {
    return "Add or update the block 'Host ALIAS' of an ssh config (default ~/.ssh/config) with HostName, Port, "
        + "User, IdentityFile and IdentitiesOnly yes, so that 'ssh ALIAS' logs in with that key. Every other line "
        + "stays as it was. Prints 'added Host ALIAS to FILE', 'updated Host ALIAS in FILE' or "
        + "'Host ALIAS in FILE is up to date' (nothing written).";
  }

  @Override
  public Options options() {
    return new Options()
        .addOption(required("host", "ALIAS", "The name to type after ssh; a block is ours only if its Host line "
            + "names exactly ALIAS."))
        .addOption(required("hostname", "H", "The DNS name or IP address to connect to."))
        .addOption(required("user", "U", "The login user (ec2-user, ubuntu, admin... see PROVIDERS.md)."))
        .addOption(required("identity", "FILE", "The private key file, written as given (~ and % tokens are "
            + "ssh's); quoted if it has a space."))
        .addOption(Option.builder().longOpt("port").hasArg().argName("N")
            .desc("The port, 1 to 65535 (default: an existing Port line stays; a new block has none, so 22).").get())
        .addOption(Option.builder().longOpt("config").hasArg().argName("FILE")
            .desc("The config to edit (default ~/.ssh/config; created 0600, its folder 0700).").get());
  }

  private static Option required(String name, String arg, String desc) {
    return Option.builder().longOpt(name).hasArg().argName(arg).required().desc(desc).get();
  }

  @Override
  public String details() {
    return "A new block goes before the first block that also applies to ALIAS (Host *,\n"
        + "a matching pattern, any Match block), since ssh takes the first value it meets;\n"
        + "with none, at the end. An existing 'Host ALIAS' block keeps its other options;\n"
        + "ours are rewritten in place or added right after its Host line. Options that\n"
        + "still win (global options, earlier matching blocks) and blocks left alone are\n"
        + "named on stderr as warnings. The file is replaced atomically with its mode kept;\n"
        + "a symbolic link is written through (its target is replaced, the link stays).\n";
  }

  @Override
  public int run(CommandArgs args) {
    SshConfigFile.HostEntry entry = new SshConfigFile.HostEntry(args.value("host"), args.value("hostname"),
        args.value("user"), args.value("identity"), port(args.value("port", null)));
    String config = args.value("config", null);
    Path file = config == null ? SshConfigFile.defaultConfig() : Path.of(config);
    SshConfigFile.Edit edit;
    try {
      edit = SshConfigFile.write(file, entry, KeyPairLimits.defaults());
    } catch (IOException e) {
      throw Outputs.unwritable(file.toString(), e);
    }
    for (String note : edit.notes()) {
      Streams.warning(note);
    }
    String host = "Host " + entry.alias();
    Streams.println(switch (edit.change()) {
      case ADDED -> "added " + host + " to " + file;
      case UPDATED -> "updated " + host + " in " + file;
      case UNCHANGED -> host + " in " + file + " is up to date";
    });
    return KeypairCommand.OK;
  }

  private static OptionalInt port(String port) {
    if (port == null) {
      return OptionalInt.empty();
    }
    if (!port.matches("[0-9]{1,5}")) {
      throw new KeyPairException(SshConfigFile.INVALID_VALUE, "a port is 1 to 65535");
    }
    return OptionalInt.of(Integer.parseInt(port));
  }
}
