package dev.keypair.examples.cli;

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
    return "--in FILE --fingerprint FP";
  }

  @Override
  public String description() {
    return "Does the key in FILE match the fingerprint FP (copied from a console or ssh-keygen)? Tries every "
        + "algorithm that could have produced FP; prints 'match: ALGORITHM' (exit 0) or 'no match' (exit 1).";
  }

  @Override
  public Options options() {
    return new Options().addOption(Inputs.in())
        .addOption(Option.builder().longOpt("fingerprint").hasArg().argName("FP").required()
            .desc("SHA256:..., MD5:..., colon hex, plain hex or base64, with or without prefix and padding.").get());
  }

  @Override
  public int run(CommandArgs args) {
    FingerprintMatcher.Result r = FingerprintMatcher.match(Inputs.publicKey(args.value("in")).key().keyData(),
        args.value("fingerprint"));
    if (r.isMatch()) {
      Streams.println("match: " + r.matched().get().displayName());
      return KeypairCommand.OK;
    }
    Streams.println("no match");
    return KeypairCommand.NEGATIVE;
  }
}
