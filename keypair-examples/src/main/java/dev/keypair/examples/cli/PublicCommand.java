package dev.keypair.examples.cli;

import dev.keypair.core.Passphrase;
import dev.keypair.formats.PublicKeyFormat;
import dev.keypair.formats.PublicKeys;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code keypair public}: the public key of any input, public or private, in any public format. */
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
    return "--in FILE [--format openssh|rfc4716|pem|pkcs1|der-base64] [--passphrase-file F]";
  }

  @Override
  public String description() {
    return "Print the public key of FILE, a public or private key (like ssh-keygen -y, -e -m). An encrypted "
        + "OpenSSH or PuTTY key gives its public key without the passphrase.";
  }

  @Override
  public Options options() {
    return new Options().addOption(Inputs.in())
        .addOption(Option.builder().longOpt("format").hasArg().argName("FMT")
            .desc("openssh (default), rfc4716, pem, pkcs1 or der-base64.").get())
        .addOption(Passphrases.passphraseFile());
  }

  @Override
  public int run(CommandArgs args) {
    PublicKeyFormat format = args.choice("format", "openssh", FORMATS);
    try (Passphrase p = Passphrases.read(args.value("passphrase-file", null))) {
      Keys keys = Keys.read(args.value("in"), p);
      Streams.write(PublicKeys.encode(keys.publicKey(), format));
    }
    return KeypairCommand.OK;
  }
}
