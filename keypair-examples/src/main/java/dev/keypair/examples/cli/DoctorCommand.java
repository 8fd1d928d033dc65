package dev.keypair.examples.cli;

import dev.keypair.login.Finding;
import dev.keypair.login.ImageFamily;
import dev.keypair.login.LoginDoctor;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code keypair doctor}: why a login with this key would be refused, one finding a line with the command that
 * fixes it, through {@link LoginDoctor}.
 */
final class DoctorCommand implements CliCommand {

  @Override
  public String name() {
    return "doctor";
  }

  @Override
  public String synopsis() {
    return "--key FILE [--user NAME] [--image FAMILY] [--home DIR] [--fix]";
  }

  @Override
  public String description() {
    return "Finds why a login with this private key would be refused: the key file's mode and format; with "
        + "--home, the modes and owners of the folder above the home, the home, .ssh and authorized_keys, and "
        + "whether the key's public half is in it; with --image, whether --user logs in on that image. One finding "
        + "a line: 'ERROR|WARN CODE: what is wrong; fix: COMMAND'. Exit 0 when nothing is found, 1 otherwise.";
  }

  @Override
  public Options options() {
    return new Options()
        .addOption(Option.builder().longOpt("key").hasArg().argName("FILE").required()
            .desc("The private key given to ssh -i (an encrypted PEM key is read through FILE.pub next to it).")
            .get())
        .addOption(Option.builder().longOpt("user").hasArg().argName("NAME").desc("The login user.").get())
        .addOption(Option.builder().longOpt("image").hasArg().argName("FAMILY")
            .desc("The image family (needs --user): " + families() + ".").get())
        .addOption(Option.builder().longOpt("home").hasArg().argName("DIR")
            .desc("The user's home as seen here, e.g. on the instance's root volume mounted on a helper "
                + "instance (/mnt/vol/home/ec2-user; the owner expected is the user's in /mnt/vol/etc/passwd).")
            .get())
        .addOption(Option.builder().longOpt("fix")
            .desc("Apply the fixes that are safe (modes, owners, a missing .ssh, appending the public key; "
                + "nothing is deleted), print 'fixed: CODE: COMMAND' for each, then what is left.").get());
  }

  @Override
  public String details() {
    return "ERROR: sshd's StrictModes or ssh refuses the login (group/other-writable home,\n"
        + "  .ssh or authorized_keys, a wrong owner, the key not in authorized_keys, a\n"
        + "  private key others can read, a .ppk). WARN: accepted, but not what the guides\n"
        + "  set (/home 0755 root, home 0700, .ssh 0700, authorized_keys 0600).\n"
        + "With --fix the exit code is that of what is left after the fixes.\n";
  }

  @Override
  public int run(CommandArgs args) {
    LoginDoctor doctor = LoginDoctor.forKey(path(args.value("key")));
    if (args.has("user")) {
      doctor = doctor.withUser(args.value("user"));
    }
    if (args.has("image")) {
      if (!args.has("user")) {
        throw new UsageException("--image needs --user: it says whether that user logs in on the image");
      }
      String name = args.value("image");
      doctor = doctor.withImage(ImageFamily.fromCliName(name).orElseThrow(
          () -> new UsageException("unknown image family '" + name + "': " + families())));
    }
    if (args.has("home")) {
      doctor = doctor.withHome(path(args.value("home")));
    }
    List<Finding> findings = examine(doctor);
    if (args.has("fix")) {
      List<Finding> fixed;
      try {
        fixed = LoginDoctor.fix(findings);
      } catch (IOException e) {
        throw Outputs.unwritable(args.value("home", args.value("key")), e);
      }
      for (Finding f : fixed) {
        Streams.println("fixed: " + f.code() + ": " + f.fixCommand());
      }
      findings = examine(doctor);
    }
    findings.forEach(f -> Streams.println(f.toString()));
    return findings.isEmpty() ? KeypairCommand.OK : KeypairCommand.NEGATIVE;
  }

  private static List<Finding> examine(LoginDoctor doctor) {
    try {
      return doctor.examine();
    } catch (FileSystemException e) {
      throw Inputs.unreadable(e.getFile(), e instanceof AccessDeniedException ? "permission denied"
          : e.getClass().getSimpleName());
    } catch (IOException e) {
      throw Inputs.unreadable("the home or the key", e.getClass().getSimpleName());
    }
  }

  private static String families() {
    return Arrays.stream(ImageFamily.values()).map(ImageFamily::cliName).collect(Collectors.joining(", "));
  }

  private static Path path(String file) {
    try {
      return Path.of(file);
    } catch (InvalidPathException e) {
      throw Inputs.unreadable(file, "not a valid path");
    }
  }
}
