package dev.keypair.examples.cli;

import dev.keypair.core.Comment;
import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyGenerator;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyType;
import dev.keypair.core.Passphrase;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.fingerprint.FingerprintAlgorithm;
import dev.keypair.fingerprint.Fingerprints;
import dev.keypair.formats.PrivateKeyFormat;
import dev.keypair.formats.PrivateKeys;
import dev.keypair.formats.PublicKeyFormat;
import dev.keypair.formats.PublicKeys;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code keypair generate}: a new key pair in FILE (private, owner-only from its creation) and
 * FILE.pub (the OpenSSH line), like ssh-keygen; prints the fingerprint line.
 */
final class GenerateCommand implements CliCommand {

  static final Map<String, PrivateKeyFormat> FORMATS = new LinkedHashMap<>();

  static {
    for (PrivateKeyFormat f : PrivateKeyFormat.values()) {
      FORMATS.put(f.cliName(), f);
    }
  }

  @Override
  public String name() {
    return "generate";
  }

  @Override
  public String synopsis() {
    return "--type rsa|ecdsa|ed25519 [--bits N] [--comment C] [--format openssh|pem|pkcs8|ppk|ppk2] "
        + "[--new-passphrase-file F] --out FILE [--force]";
  }

  @Override
  public String description() {
    return "Make a new key pair: FILE holds the private key (owner read/write only, created that way) and "
        + "FILE.pub the OpenSSH public line. RSA is 3072 bits unless --bits says otherwise, ECDSA 256 (or 384, "
        + "521). Prints the fingerprint line. Refuses to replace existing files unless --force.";
  }

  @Override
  public Options options() {
    return new Options()
        .addOption(Option.builder().longOpt("type").hasArg().argName("TYPE").required()
            .desc("rsa, ecdsa or ed25519.").get())
        .addOption(Option.builder().longOpt("bits").hasArg().argName("N")
            .desc("RSA: 1024 to 16384 (default 3072); ECDSA: 256 (default), 384 or 521; Ed25519: 256.").get())
        .addOption(Option.builder().longOpt("comment").hasArg().argName("C")
            .desc("The key's comment (default: user@host, as ssh-keygen).").get())
        .addOption(Option.builder().longOpt("format").hasArg().argName("FMT")
            .desc("openssh (default), pem, pkcs8, ppk (PuTTY v3) or ppk2.").get())
        .addOption(Passphrases.newPassphraseFile())
        .addOption(Outputs.out(true))
        .addOption(Outputs.force());
  }

  @Override
  public int run(CommandArgs args) {
    String type = args.value("type");
    KeyType keyType = keyType(type, args.value("bits", null));
    int bits = keyType == KeyType.RSA ? intValue(args.value("bits", "3072")) : keyType.fixedBits();
    PrivateKeyFormat format = args.choice("format", "openssh", FORMATS);
    if (keyType == KeyType.ED25519 && format == PrivateKeyFormat.PEM) {
      throw new UsageException("Ed25519 keys have no traditional PEM form; use --format pkcs8 or openssh");
    }
    String out = args.value("out");
    boolean force = args.has("force");
    String pub = out + ".pub";
    if (!force) {
      for (String f : new String[] {out, pub}) {
        if (Files.exists(Path.of(f), LinkOption.NOFOLLOW_LINKS)) {
          throw new KeyPairException(ErrorCode.FILE_EXISTS, f + " exists; not replacing it (use --force)");
        }
      }
    }
    Comment comment = Comment.of(args.value("comment", defaultComment()));
    SshPrivateKey key;
    try {
      key = KeyGenerator.create().generate(keyType, bits, comment);
    } catch (KeyPairException e) {
      if (e.code().equals(ErrorCode.WEAK_KEY) || e.code().equals(ErrorCode.KEY_TOO_LARGE)) {
        throw new UsageException(e.getMessage());
      }
      throw e;
    }
    try (Passphrase p = Passphrases.read(args.value("new-passphrase-file", null))) {
      // both encoded before either is written, so a key that cannot be written leaves no file behind
      byte[] file = PrivateKeys.encode(key, format, Outputs.protection(p));
      byte[] line = PublicKeys.encode(key.publicKey(), PublicKeyFormat.OPENSSH);
      Outputs.writePrivate(out, file, force);
      Outputs.writePublic(pub, line, force);
    } finally {
      key.destroy();
    }
    Streams.println(Fingerprints.sshKeygenLine(key.publicKey(), FingerprintAlgorithm.SHA256));
    return KeypairCommand.OK;
  }

  private static KeyType keyType(String type, String bits) {
    switch (type) {
      case "rsa":
        return KeyType.RSA;
      case "ed25519":
        if (bits != null && !bits.equals("256")) {
          throw new UsageException("Ed25519 keys have 256 bits, not " + bits);
        }
        return KeyType.ED25519;
      case "ecdsa":
        int n = intValue(bits == null ? "256" : bits);
        if (n != 256 && n != 384 && n != 521) {
          throw new UsageException("ECDSA keys have 256, 384 or 521 bits, not " + bits);
        }
        return KeyGenerator.ecdsaType(n);
      default:
        throw new UsageException("unknown value '" + type + "' for --type; expected rsa, ecdsa or ed25519");
    }
  }

  private static int intValue(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new UsageException("--bits needs a number, not '" + s + "'");
    }
  }

  /** {@code user@host}, as ssh-keygen writes it, without any network lookup. */
  private static String defaultComment() {
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isEmpty()) {
      try {
        host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
      } catch (java.io.IOException | RuntimeException e) {
        host = "localhost";
      }
    }
    return System.getProperty("user.name", "user") + "@" + host;
  }
}
