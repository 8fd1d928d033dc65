package dev.keypair.examples.cli;

import dev.keypair.core.Comment;
import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.SshPublicKey;
import dev.keypair.fingerprint.AwsFingerprints;
import dev.keypair.fingerprint.FingerprintAlgorithm;
import dev.keypair.fingerprint.Fingerprints;
import dev.keypair.formats.AuthorizedKeyEntry;
import dev.keypair.formats.AuthorizedKeys;
import dev.keypair.formats.AuthorizedKeysLine;
import dev.keypair.formats.DecodedPublicKey;
import dev.keypair.formats.KeyFormat;
import dev.keypair.formats.PublicKeys;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.OptionGroup;
import org.apache.commons.cli.Options;

/**
 * {@code keypair fingerprint}: as {@code ssh-keygen -l} prints it, or as the AWS console shows it.
 *
 * <p>OpenSSH key lines ({@code .pub}, {@code authorized_keys}) are read as a stream, so a file of any
 * size works; each key gives a line, and each line that is not a key gives an error line on stderr
 * (and exit code 3) without stopping the others. Like ssh-keygen, a comment starting with {@code #}
 * on such a line counts as no comment.
 */
final class FingerprintCommand implements CliCommand {

  private static final Map<String, FingerprintAlgorithm> HASHES = new LinkedHashMap<>();
  /** How much of the input decides its format before the rest is streamed. */
  private static final int PEEK = 64 << 10;

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
    KeyPairLimits limits = KeyPairLimits.defaults();
    try (BufferedInputStream s = Inputs.open(in)) {
      s.mark(PEEK);
      byte[] head = s.readNBytes(PEEK);
      s.reset();
      if (isKeyLines(head)) {
        return streamLines(s, hash, limits);
      }
      for (DecodedPublicKey k : PublicKeys.decodeAll(Inputs.readCapped(s, in, limits), limits)) {
        Streams.println(Fingerprints.sshKeygenLine(k.key(), hash));
      }
      return KeypairCommand.OK;
    } catch (IOException | UncheckedIOException e) {
      throw Inputs.unreadable(in, e.getClass().getSimpleName());
    }
  }

  private static boolean isKeyLines(byte[] head) {
    try {
      return PublicKeys.detect(head) == KeyFormat.OPENSSH;
    } catch (KeyPairException e) {
      return false;
    }
  }

  private static int streamLines(BufferedInputStream s, FingerprintAlgorithm hash, KeyPairLimits limits) {
    int keys = 0;
    int bad = 0;
    try (Stream<AuthorizedKeysLine> lines = AuthorizedKeys.stream(s, limits)) {
      Iterator<AuthorizedKeysLine> it = lines.iterator();
      while (it.hasNext()) {
        AuthorizedKeysLine line = it.next();
        if (line instanceof AuthorizedKeyEntry) {
          Streams.println(Fingerprints.sshKeygenLine(asSshKeygenReadsIt(((AuthorizedKeyEntry) line).key()), hash));
          keys++;
        } else {
          AuthorizedKeysLine.Other o = (AuthorizedKeysLine.Other) line;
          if (o.error().isPresent()) {
            Streams.error(o.error().get());
            bad++;
          }
        }
      }
    }
    if (keys == 0 && bad == 0) {
      throw new KeyPairException(ErrorCode.UNRECOGNIZED_FORMAT, "the input holds no key");
    }
    return bad == 0 ? KeypairCommand.OK : KeypairCommand.BAD_INPUT;
  }

  /** ssh-keygen -l ignores a comment that starts with '#' on a key line. */
  private static SshPublicKey asSshKeygenReadsIt(SshPublicKey key) {
    byte[] c = key.comment().bytes().toByteArray();
    return c.length > 0 && c[0] == '#' ? key.withComment(Comment.none()) : key;
  }
}
