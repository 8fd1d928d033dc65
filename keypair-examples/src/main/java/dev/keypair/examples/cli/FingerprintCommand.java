package dev.keypair.examples.cli;

import dev.keypair.core.Comment;
import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.KeyType;
import dev.keypair.core.Passphrase;
import dev.keypair.core.SshPublicKey;
import dev.keypair.fingerprint.AwsFingerprints;
import dev.keypair.fingerprint.Fingerprint;
import dev.keypair.fingerprint.FingerprintAlgorithm;
import dev.keypair.fingerprint.Fingerprints;
import dev.keypair.formats.AuthorizedKeyEntry;
import dev.keypair.formats.AuthorizedKeys;
import dev.keypair.formats.AuthorizedKeysLine;
import dev.keypair.formats.DecodedPrivateKey;
import dev.keypair.formats.DecodedPublicKey;
import dev.keypair.formats.KeyFormat;
import dev.keypair.formats.PublicKeys;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
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
    return "--in FILE [--hash sha256|md5|sha1 | --aws] [--passphrase-file F]";
  }

  @Override
  public String description() {
    return "Print the fingerprint of FILE as ssh-keygen -l prints it: BITS HASH:VALUE COMMENT (TYPE), one line "
        + "per key; with --aws, the value the AWS console shows for the key: for an RSA private key the SHA-1 "
        + "of its PKCS#8 DER (a key pair AWS created), for an RSA public key the MD5 of its DER "
        + "SubjectPublicKeyInfo (an imported one), for Ed25519 the padded base64 SHA-256.";
  }

  @Override
  public Options options() {
    OptionGroup mode = new OptionGroup()
        .addOption(Option.builder().longOpt("hash").hasArg().argName("HASH").desc("sha256 (default), md5 or sha1.").get())
        .addOption(Option.builder().longOpt("aws").desc("The fingerprint the AWS console shows: RSA public key, MD5 "
            + "of its DER SubjectPublicKeyInfo; Ed25519, padded base64 SHA-256.").get());
    return new Options().addOption(Inputs.in()).addOptionGroup(mode).addOption(Passphrases.passphraseFile());
  }

  @Override
  public int run(CommandArgs args) {
    String in = args.value("in");
    try (Passphrase p = Passphrases.read(args.value("passphrase-file", null))) {
      if (args.has("aws")) {
        Keys keys = Keys.read(in, p);
        Fingerprint fp = keys.isPrivate() ? aws(keys.privateKey) : AwsFingerprints.imported(keys.publicKey().keyData());
        Streams.println(fp.value());
        return KeypairCommand.OK;
      }
      FingerprintAlgorithm hash = args.choice("hash", "sha256", HASHES);
      KeyPairLimits limits = KeyPairLimits.defaults();
      Keys keys;
      // read the input once (it may be standard input): key lines are streamed, anything else read whole
      try (BufferedInputStream s = Inputs.open(in)) {
        s.mark(PEEK);
        byte[] head = s.readNBytes(PEEK);
        s.reset();
        if (isKeyLines(head)) {
          return streamLines(s, hash, limits);
        }
        keys = Keys.of(Inputs.readCapped(s, in, limits), in, p);
      } catch (IOException | UncheckedIOException e) {
        throw Inputs.unreadable(in, e.getClass().getSimpleName());
      }
      if (keys.isPrivate()) {
        Streams.println(Fingerprints.sshKeygenLine(keys.publicKey(), hash));
      } else {
        for (DecodedPublicKey k : keys.publicKeys) {
          Streams.println(Fingerprints.sshKeygenLine(k.key(), hash));
        }
      }
      return KeypairCommand.OK;
    }
  }

  /** AWS's value for a private key file: the created-key SHA-1 for RSA (which needs the private key). */
  private static Fingerprint aws(DecodedPrivateKey key) {
    if (key.publicKey().type() == KeyType.RSA && !key.publicKey().keyData().isCertificate()) {
      return AwsFingerprints.created(key.requirePrivateKey());
    }
    return AwsFingerprints.imported(key.publicKey().keyData());
  }

  private static boolean isKeyLines(byte[] head) {
    try {
      return PublicKeys.detect(head) == KeyFormat.OPENSSH;
    } catch (KeyPairException e) {
      return false;
    }
  }

  /** Bad lines held back until the first key line; past this many only their number is kept. */
  static final int HELD_ERRORS = 100;

  /**
   * Fingerprints each key line as it is read. A bad line after a key is reported on its own line, as ssh-keygen
   * skips it; bad lines before the first key are held back, so that a file that holds no key at all (not a key list
   * after all: garbage, a binary file) gives the one error line of its first bad line, with the count of the others.
   */
  private static int streamLines(BufferedInputStream s, FingerprintAlgorithm hash, KeyPairLimits limits) {
    int keys = 0;
    int bad = 0;
    List<KeyPairException> held = new ArrayList<>();
    try (Stream<AuthorizedKeysLine> lines = AuthorizedKeys.stream(s, limits)) {
      Iterator<AuthorizedKeysLine> it = lines.iterator();
      while (it.hasNext()) {
        AuthorizedKeysLine line = it.next();
        if (line instanceof AuthorizedKeyEntry) {
          if (keys == 0) {
            held.forEach(Streams::error);
            if (bad > held.size()) {
              Streams.error(held.get(0).code(), (bad - held.size()) + " more bad lines before the first key");
            }
          }
          Streams.println(Fingerprints.sshKeygenLine(asSshKeygenReadsIt(((AuthorizedKeyEntry) line).key()), hash));
          keys++;
        } else {
          AuthorizedKeysLine.Other o = (AuthorizedKeysLine.Other) line;
          if (o.error().isPresent()) {
            bad++;
            if (keys > 0) {
              Streams.error(o.error().get());
            } else if (held.size() < HELD_ERRORS) {
              held.add(o.error().get());
            }
          }
        }
      }
    }
    if (keys == 0 && bad == 0) {
      throw new KeyPairException(ErrorCode.UNRECOGNIZED_FORMAT, "the input holds no key");
    }
    if (keys == 0) {
      KeyPairException first = held.get(0);
      throw bad == 1 ? first : new KeyPairException(first.code(), first.getMessage() + " (no key in the input; "
          + bad + " bad lines)");
    }
    return bad == 0 ? KeypairCommand.OK : KeypairCommand.BAD_INPUT;
  }

  /** ssh-keygen -l ignores a comment that starts with '#' on a key line. */
  private static SshPublicKey asSshKeygenReadsIt(SshPublicKey key) {
    byte[] c = key.comment().bytes().toByteArray();
    return c.length > 0 && c[0] == '#' ? key.withComment(Comment.none()) : key;
  }
}
