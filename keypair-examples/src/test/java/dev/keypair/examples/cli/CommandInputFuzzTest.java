package dev.keypair.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Coverage-guided fuzz targets for the command's file inputs (README, "Fuzzing"): each runs a command in-process
 * on a file holding the fuzzer's bytes. The command has no way to lower the KDF caps, so no target gives a
 * passphrase file: an encrypted key is read for its public half or refused before any KDF runs. Each plain
 * test run replays the seeds under {@code CommandInputFuzzTestInputs/<method>/}.
 */
class CommandInputFuzzTest {

  /** {@code keypair: Code.Name: message}, one line. */
  private static final String ERROR_LINE = "keypair: [A-Za-z0-9]+(\\.[A-Za-z0-9]+)*: [^\\r\\n]+";

  private static final Path INPUT;
  private static final Path STORE;

  static {
    try {
      Path dir = Files.createTempDirectory("keypair-fuzz");
      dir.toFile().deleteOnExit();
      // owner-only, like a private key file should be: else the command warns on stderr
      INPUT = Files.createFile(dir.resolve("input"),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      STORE = dir.resolve("store.db");
      // deleted in reverse order: the files, then the directory
      for (String name : new String[] {"input", "store.db", "store.db-journal", "store.db-wal", "store.db-shm"}) {
        dir.resolve(name).toFile().deleteOnExit();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest
  void publicCommand(byte[] file) {
    checkExit(run(file, "public", "--in", INPUT.toString()), 0, 3);
  }

  @FuzzTest
  void convertCommand(byte[] file) {
    checkExit(run(file, "convert", "--in", INPUT.toString(), "--format", "pkcs8"), 0, 3);
  }

  /**
   * Plain and {@code --aws}. An {@code authorized_keys} file is streamed: each bad line is one error
   * line, and the good lines still print.
   */
  @FuzzTest
  void fingerprintCommand(byte[] file) {
    Cli.Run plain = run(file, "fingerprint", "--in", INPUT.toString());
    assertThat(plain.exit()).as(plain.err()).isIn(0, 3);
    if (plain.exit() != 0) {
      assertThat(plain.err().lines()).as("error lines").isNotEmpty().allMatch(l -> l.matches(ERROR_LINE));
    }
    checkExit(run(file, "fingerprint", "--aws", "--in", INPUT.toString()), 0, 3);
  }

  /** 1 is "no match". */
  @FuzzTest
  void verifyCommand(byte[] file) {
    checkExit(run(file, "verify", "--in", INPUT.toString(), "--fingerprint",
        "SHA256:UYHehUs6Av8PkYsxCFm6xxkJfbQs35oT0eCMtfZB4YE"), 0, 1, 3);
  }

  /** 4 is a provider rule's refusal (AWS takes RSA and Ed25519 only); an accepted key is deleted again. */
  @FuzzTest
  void registryImportCommand(byte[] file) {
    Cli.Run r = run(file, "registry", "--store", STORE.toString(), "--provider", "aws-ec2", "--region", "r1",
        "import", "--name", "fuzz", "--in", INPUT.toString());
    checkExit(r, 0, 3, 4);
    if (r.exit() == 0) {
      checkExit(Cli.run("registry", "--store", STORE.toString(), "--provider", "aws-ec2", "--region", "r1",
          "delete", "--name", "fuzz"), 0);
    }
  }

  private static Cli.Run run(byte[] file, String... args) {
    try {
      Files.write(INPUT, file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Cli.run(args);
  }

  /** The exit code is one of {@code allowed}; an error exit has exactly one error line on stderr. */
  private static void checkExit(Cli.Run r, Integer... allowed) {
    assertThat(r.exit()).as(r.err()).isIn((Object[]) allowed);
    if (r.exit() > 1) {
      assertThat(r.err()).as("stderr").endsWith("\n").hasLineCount(1);
      assertThat(r.errLine()).matches(ERROR_LINE);
    }
  }
}
