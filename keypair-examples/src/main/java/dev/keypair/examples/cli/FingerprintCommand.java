package dev.keypair.examples.cli;

import dev.keypair.formats.DecodedPublicKey;
import dev.keypair.fingerprint.AwsFingerprints;
import dev.keypair.fingerprint.FingerprintAlgorithm;
import dev.keypair.fingerprint.Fingerprints;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code keypair fingerprint}: as {@code ssh-keygen -l} prints it, or as the AWS console shows it. */
@Command(name = "fingerprint", mixinStandardHelpOptions = true,
    description = {"Print the fingerprint of FILE as ssh-keygen -l prints it: BITS HASH:VALUE COMMENT (TYPE),",
        "one line per key; with --aws, the value the AWS console shows for the key."})
final class FingerprintCommand implements Callable<Integer> {

  @Option(names = "--in", required = true, paramLabel = "FILE", description = "Key file, or - for standard input.")
  String in;

  @ArgGroup(exclusive = true)
  Mode mode = new Mode();

  static final class Mode {
    @Option(names = "--hash", paramLabel = "HASH", defaultValue = "sha256", converter = HashConverter.class,
        description = "sha256 (default), md5 or sha1.")
    FingerprintAlgorithm hash = FingerprintAlgorithm.SHA256;

    @Option(names = "--aws", description = "The fingerprint the AWS console shows: RSA public key, MD5 of its "
        + "DER SubjectPublicKeyInfo; Ed25519, padded base64 SHA-256.")
    boolean aws;
  }

  @Override
  public Integer call() {
    if (mode.aws) {
      DecodedPublicKey key = KeyInput.publicKey(in);
      Streams.println(AwsFingerprints.imported(key.key().keyData()).value());
      return KeypairCommand.OK;
    }
    List<DecodedPublicKey> keys = KeyInput.publicKeys(in);
    for (DecodedPublicKey k : keys) {
      Streams.println(Fingerprints.sshKeygenLine(k.key(), mode.hash));
    }
    return KeypairCommand.OK;
  }

  /** {@code sha256}, {@code md5} or {@code sha1}, as {@code ssh-keygen -E} takes them. */
  static final class HashConverter implements picocli.CommandLine.ITypeConverter<FingerprintAlgorithm> {
    @Override
    public FingerprintAlgorithm convert(String value) {
      return switch (value) {
        case "sha256" -> FingerprintAlgorithm.SHA256;
        case "md5" -> FingerprintAlgorithm.MD5;
        case "sha1" -> FingerprintAlgorithm.SHA1;
        default -> throw new picocli.CommandLine.TypeConversionException(
            "unknown hash '" + value + "'; expected sha256, md5 or sha1");
      };
    }
  }
}
