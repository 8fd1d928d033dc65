package dev.keypair.examples.cli;

import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.SshPublicKey;
import dev.keypair.fingerprint.FingerprintAlgorithm;
import dev.keypair.fingerprint.Fingerprints;
import dev.keypair.formats.AuthorizedKeyEntry;
import dev.keypair.formats.AuthorizedKeysLine;
import dev.keypair.formats.DecodedPublicKey;
import dev.keypair.login.AuthorizedKeysFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code keypair authorized-keys list|add|remove}: edits an {@code authorized_keys} file through
 * {@link AuthorizedKeysFile}, keeping options, comments and unknown lines byte for byte, never adding a key twice.
 */
final class AuthorizedKeysCommand implements CliCommand {

  private static final List<String> COMMANDS = List.of("list", "add", "remove");
  private static final List<String> OWN = List.of("file", "in", "fingerprint", "comment");

  @Override
  public String name() {
    return "authorized-keys";
  }

  @Override
  public String synopsis() {
    return "list|add|remove --file FILE [--in KEYFILE] [--fingerprint FP] [--comment C]";
  }

  @Override
  public String description() {
    return "Edit an authorized_keys file, keeping options, comments, blank lines and lines it cannot read byte "
        + "for byte; a key is never added twice (the same key blob, whatever its comment or options). The file "
        + "is replaced atomically with mode 0600, keeping its owner and group; a symbolic link is refused.";
  }

  @Override
  public Options options() {
    return new Options()
        .addOption(Option.builder().longOpt("file").hasArg().argName("FILE")
            .desc("The authorized_keys file (add creates it, mode 0600, if it does not exist).").get())
        .addOption(Option.builder().longOpt("in").hasArg().argName("KEYFILE")
            .desc("add: the key(s) to add, any key file (- for standard input); the options of an "
                + "authorized_keys line in it are kept.").get())
        .addOption(Option.builder().longOpt("fingerprint").hasArg().argName("FP")
            .desc("remove: the keys with this fingerprint (SHA256:..., MD5:..., colon hex, plain hex or base64, "
                + "a whole ssh-keygen -l line).").get())
        .addOption(Option.builder().longOpt("comment").hasArg().argName("C")
            .desc("remove: the keys whose comment is exactly C (for a cloud-written line, the key-pair name).")
            .get());
  }

  @Override
  public boolean takesSubcommands() {
    return true;
  }

  @Override
  public String details() {
    return "Commands:\n"
        + "  list --file FILE\n"
        + "      One line per key, as ssh-keygen -l prints it: BITS SHA256:VALUE COMMENT\n"
        + "      (TYPE), 'no comment' where there is none. Lines that are not keys keypair\n"
        + "      reads are counted in one warning on stderr; the exit code stays 0.\n"
        + "  add --file FILE --in KEYFILE\n"
        + "      Appends each key of KEYFILE that the file does not hold: 'added: LINE';\n"
        + "      for one it holds (any comment, any options), 'present: LINE' of the line\n"
        + "      already there, whose options and comment stay as they are.\n"
        + "  remove --file FILE --fingerprint FP | --comment C\n"
        + "      Removes every key line that matches: 'removed: LINE' each; when none\n"
        + "      matches, 'no match' and exit 1, and the file is not touched.\n"
        + "LINE is the key's line as list prints it. The file is written only when it\n"
        + "changes.\n";
  }

  @Override
  public int run(CommandArgs global) {
    List<String> rest = global.rest();
    if (rest.isEmpty() || !COMMANDS.contains(rest.get(0))) {
      throw new UsageException((rest.isEmpty() ? "a command is required" : "unknown authorized-keys command '"
          + rest.get(0) + "'") + ": " + String.join(", ", COMMANDS) + " (options go after it)");
    }
    for (String o : OWN) {
      if (global.has(o)) {
        throw new UsageException("--" + o + " goes after the authorized-keys command");
      }
    }
    String command = rest.get(0);
    Options options = options().addOption(KeypairCommand.debugOption());
    CommandLine line = KeypairCommand.parse(options, rest.subList(1, rest.size()).toArray(String[]::new), false);
    if (!line.getArgList().isEmpty()) {
      throw new UsageException("unexpected argument '" + line.getArgList().get(0) + "' for authorized-keys "
          + command);
    }
    KeypairCommand.checkNotRepeated(options, line);
    CommandArgs args = new CommandArgs(line);
    require(args, command, "file");
    switch (command) {
      case "list":
        allowOnly(args, command);
        return list(args.value("file"));
      case "add":
        require(args, command, "in");
        allowOnly(args, command, "in");
        return add(args.value("file"), args.value("in"));
      default:
        if (args.has("fingerprint") == args.has("comment")) {
          throw new UsageException("authorized-keys remove takes one of --fingerprint FP or --comment C");
        }
        allowOnly(args, command, "fingerprint", "comment");
        return remove(args.value("file"), args.has("fingerprint")
            ? AuthorizedKeysFile.byFingerprint(args.value("fingerprint"))
            : AuthorizedKeysFile.byComment(args.value("comment")));
    }
  }

  private static void require(CommandArgs args, String command, String option) {
    if (!args.has(option)) {
      throw new UsageException("authorized-keys " + command + " needs --" + option);
    }
  }

  private static void allowOnly(CommandArgs args, String command, String... allowed) {
    for (String o : OWN) {
      if (!o.equals("file") && !List.of(allowed).contains(o) && args.has(o)) {
        throw new UsageException("--" + o + " does not apply to authorized-keys " + command);
      }
    }
  }

  private static int list(String file) {
    AuthorizedKeysFile keys = read(file);
    for (AuthorizedKeyEntry e : keys.entries()) {
      Streams.println(keygenLine(e.key()));
    }
    warnAboutUnreadLines(keys);
    return KeypairCommand.OK;
  }

  private static int add(String file, String in) {
    Path path = path(file);
    List<AuthorizedKeyEntry> wanted = new ArrayList<>();
    Keys input = Keys.read(in, null);
    if (input.isPrivate()) {
      wanted.add(AuthorizedKeyEntry.of(input.publicKey()));
    } else {
      for (DecodedPublicKey k : input.publicKeys) {
        wanted.add(AuthorizedKeyEntry.of(k.options(), k.key()));
      }
    }
    AuthorizedKeysFile keys = Files.exists(path, LinkOption.NOFOLLOW_LINKS) ? read(file) : AuthorizedKeysFile.empty();
    List<byte[]> report = new ArrayList<>();
    AuthorizedKeysFile edited = keys;
    for (AuthorizedKeyEntry e : wanted) {
      AuthorizedKeysFile next = edited.add(e);
      report.add(next == edited ? prefixed("present: ", edited.find(e.key()).get().key())
          : prefixed("added: ", e.key()));
      edited = next;
    }
    if (edited != keys) {
      write(edited, path, file);
    }
    report.forEach(Streams::println);
    return KeypairCommand.OK;
  }

  private static int remove(String file, Predicate<AuthorizedKeyEntry> selector) {
    AuthorizedKeysFile keys = read(file);
    List<AuthorizedKeyEntry> gone = keys.select(selector);
    if (gone.isEmpty()) {
      Streams.println("no match");
      return KeypairCommand.NEGATIVE;
    }
    write(keys.remove(selector), path(file), file);
    for (AuthorizedKeyEntry e : gone) {
      Streams.println(prefixed("removed: ", e.key()));
    }
    return KeypairCommand.OK;
  }

  private static void warnAboutUnreadLines(AuthorizedKeysFile keys) {
    List<AuthorizedKeysLine.Other> invalid = keys.invalidLines();
    if (!invalid.isEmpty()) {
      KeyPairException first = invalid.get(0).error().get();
      Streams.warning(invalid.size() + (invalid.size() == 1 ? " line is" : " lines are")
          + " not a key keypair reads, kept as is (first: " + first.code().id() + ": " + first.getMessage() + ")");
    }
  }

  private static byte[] keygenLine(SshPublicKey key) {
    return Fingerprints.sshKeygenLine(key, FingerprintAlgorithm.SHA256);
  }

  private static byte[] prefixed(String prefix, SshPublicKey key) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(prefix.getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(keygenLine(key));
    return out.toByteArray();
  }

  private static Path path(String file) {
    try {
      return Path.of(file);
    } catch (InvalidPathException e) {
      throw Inputs.unreadable(file, "not a valid path");
    }
  }

  private static AuthorizedKeysFile read(String file) {
    try {
      return AuthorizedKeysFile.read(path(file), KeyPairLimits.defaults());
    } catch (NoSuchFileException e) {
      throw Inputs.unreadable(file, "no such file");
    } catch (AccessDeniedException e) {
      throw Inputs.unreadable(file, "permission denied");
    } catch (IOException e) {
      throw Inputs.unreadable(file, e.getClass().getSimpleName());
    }
  }

  private static void write(AuthorizedKeysFile keys, Path path, String file) {
    try {
      keys.write(path);
    } catch (IOException e) {
      throw Outputs.unwritable(file, e);
    }
  }
}
