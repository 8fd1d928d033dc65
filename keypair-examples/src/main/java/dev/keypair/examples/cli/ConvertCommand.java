package dev.keypair.examples.cli;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.Passphrase;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.formats.KeyProtection;
import dev.keypair.formats.PrivateKeyFormat;
import dev.keypair.formats.PrivateKeys;
import dev.keypair.formats.PublicKeyFormat;
import dev.keypair.formats.PublicKeys;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code keypair convert}: re-encodes a key. A private input is written in a private format
 * ({@code openssh}, {@code pem}, {@code pkcs8}, {@code ppk}, {@code ppk2}) or, for the public-only
 * names ({@code rfc4716}, {@code pkcs1}, {@code der-base64}), as its public key; a public input in a
 * public format. An encrypted input stays encrypted with the same passphrase unless
 * {@code --new-passphrase-file} gives another (an empty one writes it unencrypted).
 */
final class ConvertCommand implements CliCommand {

  @Override
  public String name() {
    return "convert";
  }

  @Override
  public String synopsis() {
    return "--in FILE --format FMT [--out FILE] [--force] [--passphrase-file F] [--new-passphrase-file F]";
  }

  @Override
  public String description() {
    return "Re-encode the key in FILE. Private FMT: openssh, pem (traditional PKCS#1/SEC1), pkcs8, ppk (PuTTY v3), "
        + "ppk2; public FMT: openssh, rfc4716, pem, pkcs1, der-base64. An encrypted key stays encrypted with its "
        + "passphrase unless --new-passphrase-file gives another; an empty one removes it. Prints the result, "
        + "or writes it to --out (a private key owner-only).";
  }

  @Override
  public Options options() {
    return new Options().addOption(Inputs.in())
        .addOption(Option.builder().longOpt("format").hasArg().argName("FMT").required()
            .desc("The output format (see above).").get())
        .addOption(Outputs.out(false))
        .addOption(Outputs.force())
        .addOption(Passphrases.passphraseFile())
        .addOption(Passphrases.newPassphraseFile());
  }

  @Override
  public int run(CommandArgs args) {
    String name = args.value("format");
    boolean privateName = PrivateKeyFormat.fromCliName(name).isPresent();
    boolean publicName = PublicKeyFormat.fromCliName(name).isPresent();
    if (!privateName && !publicName) {
      throw new UsageException("unknown value '" + name + "' for --format; expected openssh, pem, pkcs8, ppk, ppk2, "
          + "rfc4716, pkcs1 or der-base64");
    }
    String out = args.value("out", null);
    try (Passphrase old = Passphrases.read(args.value("passphrase-file", null));
        Passphrase fresh = Passphrases.read(args.value("new-passphrase-file", null))) {
      Keys keys = Keys.read(args.value("in"), old);
      if (keys.isPrivate() && privateName) {
        SshPrivateKey key = keys.privateKey.requirePrivateKey();
        KeyProtection protection = fresh != null ? Outputs.protection(fresh)
            : keys.privateKey.isEncrypted() ? KeyProtection.passphrase(old) : Outputs.protection(null);
        try {
          byte[] file = PrivateKeys.encode(key, PrivateKeyFormat.fromCliName(name).get(), protection);
          if (out == null) {
            Streams.write(file);
          } else {
            Outputs.writePrivate(out, file, args.has("force"));
          }
        } finally {
          key.destroy();
        }
        return KeypairCommand.OK;
      }
      if (!publicName) {
        throw new KeyPairException(ErrorCode.UNREPRESENTABLE, "a public key cannot be written as " + name
            + " (a private key format)");
      }
      if (fresh != null) {
        throw new UsageException("--new-passphrase-file encrypts private keys; the output is a public key");
      }
      byte[] encoded = PublicKeys.encode(keys.publicKey(), PublicKeyFormat.fromCliName(name).get());
      if (out == null) {
        Streams.write(encoded);
      } else {
        Outputs.writePublic(out, encoded, args.has("force"));
      }
      return KeypairCommand.OK;
    }
  }
}
