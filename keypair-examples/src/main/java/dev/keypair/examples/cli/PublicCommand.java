package dev.keypair.examples.cli;

import dev.keypair.formats.PublicKeyFormat;
import dev.keypair.formats.PublicKeys;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code keypair public}: the public key of any input, in any public format. */
@Command(name = "public", description = "Print the public key of FILE (like ssh-keygen -y, -e -m).",
    mixinStandardHelpOptions = true)
final class PublicCommand implements Callable<Integer> {

  @Option(names = "--in", required = true, paramLabel = "FILE", description = "Key file, or - for standard input.")
  String in;

  @Option(names = "--format", paramLabel = "FMT", defaultValue = "openssh",
      converter = FormatConverter.class,
      description = "openssh (default), rfc4716, pem, pkcs1 or der-base64.")
  PublicKeyFormat format;

  @Override
  public Integer call() {
    Streams.write(PublicKeys.encode(KeyInput.publicKey(in).key(), format));
    return KeypairCommand.OK;
  }

  /** Accepts the command's format names. */
  static final class FormatConverter implements picocli.CommandLine.ITypeConverter<PublicKeyFormat> {
    @Override
    public PublicKeyFormat convert(String value) {
      return PublicKeyFormat.fromCliName(value).orElseThrow(() -> new picocli.CommandLine.TypeConversionException(
          "unknown format '" + value + "'; expected openssh, rfc4716, pem, pkcs1 or der-base64"));
    }
  }
}
