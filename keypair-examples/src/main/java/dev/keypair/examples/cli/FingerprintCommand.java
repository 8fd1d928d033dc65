package dev.keypair.examples.cli;

import dev.keypair.fingerprint.AwsFingerprints;
import dev.keypair.fingerprint.FingerprintAlgorithm;
import dev.keypair.fingerprint.Fingerprints;
import dev.keypair.formats.DecodedPublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.OptionGroup;
import org.apache.commons.cli.Options;

/** {@code keypair fingerprint}: as {@code ssh-keygen -l} prints it, or as the AWS console shows it. */
final class FingerprintCommand implements CliCommand {

  private static final Map<String, FingerprintAlgorithm> HASHES = new LinkedHashMap<>();

  static {
    HASHES.put("sha256", FingerprintAlgorithm.SHA256);
    HASHES.put("md5", FingerprintAlgorithm.MD5);
    HASHES.put("sha1", FingerprintAlgorithm.SHA1);
  }

  @Override
  public String name() {
    return "fingerprint";
  }

  @Override
  public String synopsis() {
    return "--in FILE [--hash sha256|md5|sha1 | --aws]";
  }

  @Override
  public String description() {
    return "Print the fingerprint of FILE as ssh-keygen -l prints it: BITS HASH:VALUE COMMENT (TYPE), one line "
        + "per key; with --aws, the value the AWS console shows for the key.";
  }

  @Override
  public Options options() {
    OptionGroup mode = new OptionGroup()
        .addOption(Option.builder().longOpt("hash").hasArg().argName("HASH").desc("sha256 (default), md5 or sha1.").get())
        .addOption(Option.builder().longOpt("aws").desc("The fingerprint the AWS console shows: RSA public key, MD5 "
            + "of its DER SubjectPublicKeyInfo; Ed25519, padded base64 SHA-256.").get());
    return new Options().addOption(Inputs.in()).addOptionGroup(mode);
  }

  @Override
  public int run(CommandArgs args) {
    String in = args.value("in");
    if (args.has("aws")) {
      DecodedPublicKey key = Inputs.publicKey(in);
      Streams.println(AwsFingerprints.imported(key.key().keyData()).value());
      return KeypairCommand.OK;
    }
    FingerprintAlgorithm hash = args.choice("hash", "sha256", HASHES);
    for (DecodedPublicKey k : Inputs.publicKeys(in)) {
      Streams.println(Fingerprints.sshKeygenLine(k.key(), hash));
    }
    return KeypairCommand.OK;
  }
}
