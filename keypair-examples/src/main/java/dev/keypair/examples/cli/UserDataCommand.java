package dev.keypair.examples.cli;

import dev.keypair.login.RecoveryUserData;
import java.nio.charset.StandardCharsets;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code keypair user-data}: the cloud-init user data that gives key login back to a user (AWS's lost-key method). */
final class UserDataCommand implements CliCommand {

  @Override
  public String name() {
    return "user-data";
  }

  @Override
  public String synopsis() {
    return "--user U --in PUBFILE";
  }

  @Override
  public String description() {
    return "Print the cloud-init MIME multipart user data that restores key login for U at every boot: a "
        + "cloud-config part that runs user scripts at every boot and a shell part that fixes the modes of U's "
        + "home, ~/.ssh and authorized_keys and appends the key in PUBFILE (any key file; a private key gives its "
        + "public half) unless it is there. Standard output is the user data alone; the reminder to remove it "
        + "once login works is one line on stderr.";
  }

  @Override
  public Options options() {
    return new Options()
        .addOption(Option.builder().longOpt("user").hasArg().argName("U").required()
            .desc("The login user on the instance (ec2-user, ubuntu, ...).").get())
        .addOption(Inputs.in());
  }

  @Override
  public int run(CommandArgs args) {
    RecoveryUserData data = RecoveryUserData.of(args.value("user"), Keys.read(args.value("in"), null).publicKey());
    Streams.write(data.document().getBytes(StandardCharsets.US_ASCII));
    Streams.note("reminder", data.reminder());
    return KeypairCommand.OK;
  }
}
