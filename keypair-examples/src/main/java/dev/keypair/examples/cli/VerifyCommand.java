package dev.keypair.examples.cli;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyType;
import dev.keypair.core.Passphrase;
import dev.keypair.fingerprint.FingerprintMatcher;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code keypair verify}: does this local key match a fingerprint copied from a console? */
final class VerifyCommand implements CliCommand {

  @Override
  public String name() {
    return "verify";
  }

  @Override
  public String synopsis() {
    return "--in FILE --fingerprint FP [--passphrase-file F]";
  }

  @Override
  public String description() {
    return "Does the key in FILE match the fingerprint FP (copied from a console or ssh-keygen)? Tries every "
        + "algorithm that could have produced FP (for an unlocked RSA private key, also the SHA-1 AWS shows for "
        + "a key pair it created); prints 'match: ALGORITHM' (exit 0) or 'no match' (exit 1).";
  }

  @Override
  public Options options() {
    return new Options().addOption(Inputs.in())
        .addOption(Option.builder().longOpt("fingerprint").hasArg().argName("FP").required()
            .desc("SHA256:..., MD5:..., colon hex, plain hex or base64, with or without prefix and padding.").get())
        .addOption(Passphrases.passphraseFile());
  }

  @Override
  public int run(CommandArgs args) {
    FingerprintMatcher.Result r;
    boolean lockedRsa;
    try (Passphrase p = Passphrases.read(args.value("passphrase-file", null))) {
      Keys keys = Keys.read(args.value("in"), p);
      lockedRsa = keys.isPrivate() && !keys.privateKey.isUnlocked() && keys.publicKey().type() == KeyType.RSA;
      String fp = args.value("fingerprint");
      r = keys.isPrivate() && keys.privateKey.isUnlocked()
          ? FingerprintMatcher.match(keys.privateKey.requirePrivateKey(), fp)
          : FingerprintMatcher.match(keys.publicKey().keyData(), fp);
    }
    if (r.isMatch()) {
      Streams.println("match: " + r.matched().get().displayName());
      return KeypairCommand.OK;
    }
    if (lockedRsa && FingerprintMatcher.parse(args.value("fingerprint")).digest().length() == 20) {
      // a 20-byte digest may be AWS's created-key SHA-1, which only the private key can say
      throw new KeyPairException(ErrorCode.PASSPHRASE_REQUIRED, "no public fingerprint matches; this one may be "
          + "the SHA-1 AWS shows for a key pair it created, which needs the private key (--passphrase-file)");
    }
    Streams.println("no match");
    return KeypairCommand.NEGATIVE;
  }
}
