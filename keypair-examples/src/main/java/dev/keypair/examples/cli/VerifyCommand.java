package dev.keypair.examples.cli;

import dev.keypair.fingerprint.FingerprintMatcher;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code keypair verify}: does this local key match a fingerprint copied from a console? */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Does the key in FILE match the fingerprint FP (copied from a console or ssh-keygen)?",
        "Prints 'match: ALGORITHM' (exit 0) or 'no match' (exit 1)."})
final class VerifyCommand implements Callable<Integer> {

  @Option(names = "--in", required = true, paramLabel = "FILE", description = "Key file, or - for standard input.")
  String in;

  @Option(names = "--fingerprint", required = true, paramLabel = "FP",
      description = "SHA256:..., MD5:..., colon hex, plain hex or base64, with or without prefix and padding.")
  String fingerprint;

  @Override
  public Integer call() {
    FingerprintMatcher.Result r = FingerprintMatcher.match(KeyInput.publicKey(in).key().keyData(), fingerprint);
    if (r.isMatch()) {
      Streams.println("match: " + r.matched().get().displayName());
      return KeypairCommand.OK;
    }
    Streams.println("no match");
    return KeypairCommand.NEGATIVE;
  }
}
