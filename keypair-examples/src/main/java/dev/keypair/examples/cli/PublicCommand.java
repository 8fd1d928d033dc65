package dev.keypair.examples.cli;

import dev.keypair.formats.PublicKeyFormat;
import dev.keypair.formats.PublicKeys;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code keypair public}: the public key of any input, in any public format. */
final class PublicCommand implements CliCommand {

  static final Map<String, PublicKeyFormat> FORMATS = new LinkedHashMap<>();

  static {
    for (PublicKeyFormat f : PublicKeyFormat.values()) {
      FORMATS.put(f.cliName(), f);
    }
  }

  @Override
  public String name() {
    return "public";
  }

  @Override
  public String synopsis() {
    return "--in FILE [--format openssh|rfc4716|pem|pkcs1|der-base64]";
  }

  @Override
  public String description() {
    return "Print the public key of FILE (like ssh-keygen -y, -e -m).";
  }

  @Override
  public Options options() {
    return new Options().addOption(Inputs.in())
        .addOption(Option.builder().longOpt("format").hasArg().argName("FMT")
            .desc("openssh (default), rfc4716, pem, pkcs1 or der-base64.").get());
  }

  @Override
  public int run(CommandArgs args) {
    PublicKeyFormat format = args.choice("format", "openssh", FORMATS);
    Streams.write(PublicKeys.encode(Inputs.publicKey(args.value("in")).key(), format));
    return KeypairCommand.OK;
  }
}
