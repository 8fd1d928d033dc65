package dev.keypair.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.testsupport.Fixtures;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance run on hostile files, in-process (the fast variant of {@code HostileFilesIT}): every command and
 * option that reads a key file, on every file of {@link HostileFiles}, exits 3 (4 where a registry rule refuses a
 * private key file) with one error line and nothing on stdout, within {@link HostileFiles#BUDGET}.
 */
class CliHostileFilesTest {

  @TempDir
  Path dir;

  @Test
  void everyHostileFileIsBadInputWithOneLine() throws Exception {
    HostileFiles corpus = HostileFiles.create(dir);
    Path store = dir.resolve("registry.db");
    int runs = 0;
    List<String> failures = new ArrayList<>();
    for (String name : corpus.files.keySet()) {
      List<HostileFiles.Run> all = new ArrayList<>(corpus.runs(name, store));
      all.addAll(corpus.passphraseRuns(name));
      for (HostileFiles.Run run : all) {
        if (name.startsWith("fifo") && !run.label().endsWith("| public") && !run.label().endsWith("-file")) {
          continue; // each run waits out the pipe's open timeout: the IT runs them all
        }
        long start = System.nanoTime();
        Cli.Run r = Cli.run(run.args().toArray(String[]::new));
        try {
          HostileFiles.check(run, r.exit(), r.out(), r.err(), Duration.ofNanos(System.nanoTime() - start));
        } catch (AssertionError e) {
          failures.add(e.getMessage());
        }
        runs++;
      }
    }
    // let the opener thread the FIFO run left behind finish (opening the write end completes its open)
    CompletableFuture.runAsync(() -> {
      try (FileOutputStream unblock = new FileOutputStream(corpus.files.get("fifo-without-writer").toFile())) {
        unblock.flush();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }).get(30, TimeUnit.SECONDS);
    System.out.printf("CliHostileFilesTest: %d files, %d runs%n", corpus.files.size(), runs);
    assertThat(failures).as("%d of %d runs", failures.size(), runs).isEmpty();
  }

  /** A FIFO that a process writes to ({@code --passphrase-file <(pass show key)}, {@code --in <(cat key)}) still works. */
  @Test
  void aPipeWithAWriterIsRead() throws Exception {
    HostileFiles corpus = HostileFiles.create(dir);
    Path in = mkfifo("key-pipe");
    Path pass = mkfifo("pass-pipe");
    ExecutorService writers = Executors.newFixedThreadPool(2); // one blocked opener each
    try {
      Future<?> key = writers.submit(() -> write(in, corpus.encryptedKeyBytes()));
      Future<?> passphrase = writers.submit(() -> write(pass,
          (HostileFiles.PASSPHRASE + "\n").getBytes(StandardCharsets.UTF_8)));
      Cli.Run r = Cli.run("fingerprint", "--in", in.toString(), "--passphrase-file", pass.toString());
      assertThat(r.err()).isEmpty();
      assertThat(r.exit()).isZero();
      assertThat(r.out()).startsWith("256 SHA256:").endsWith(" hostile (ED25519)\n");
      key.get(30, TimeUnit.SECONDS);
      passphrase.get(30, TimeUnit.SECONDS);
    } finally {
      writers.shutdownNow();
    }
  }

  /** A file of bad lines and no key is one error line, however many lines; bad lines before a key still show. */
  @Test
  void keyLinesWithoutAKeyAreOneErrorLine() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad"), "not a key\n".repeat(500));
    Cli.Run r = Cli.run("fingerprint", "--in", bad.toString());
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("keypair: InvalidKey.Format: authorized_keys line 1: the line is not a key line: "
        + "neither 'type base64 [comment]' nor 'options type base64 [comment]' (no key in the input; 500 bad lines)\n");

    Path mixed = Files.writeString(dir.resolve("mixed"), "not a key\n".repeat(FingerprintCommand.HELD_ERRORS + 2)
        + Fixtures.text("ed25519.pub"));
    Cli.Run m = Cli.run("fingerprint", "--in", mixed.toString());
    assertThat(m.exit()).isEqualTo(3);
    assertThat(m.out()).isEqualTo(Fixtures.text("ed25519.l.sha256"));
    List<String> lines = m.err().lines().toList();
    assertThat(lines).hasSize(FingerprintCommand.HELD_ERRORS + 1);
    assertThat(lines.get(0)).startsWith("keypair: InvalidKey.Format: authorized_keys line 1: ");
    assertThat(lines.get(FingerprintCommand.HELD_ERRORS)).isEqualTo(
        "keypair: InvalidKey.Format: 2 more bad lines before the first key");
  }

  /** The warning about a private key file others can read is for a key: a file that is none gets only its error. */
  @Test
  void noPermissionWarningForAFileThatIsNoKey() throws Exception {
    HostileFiles corpus = HostileFiles.create(dir);
    Path broken = corpus.files.get("openssh-private-byte-flipped");
    Files.setPosixFilePermissions(broken, PosixFilePermissions.fromString("rw-r--r--"));
    Cli.Run r = Cli.run("public", "--in", broken.toString());
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).startsWith("keypair: InvalidKey.Mismatch: ").hasLineCount(1);
  }

  private Path mkfifo(String name) throws Exception {
    Path p = dir.resolve(name);
    assertThat(new ProcessBuilder("mkfifo", "-m", "600", p.toString()).start().waitFor()).isZero();
    return p;
  }

  private static void write(Path fifo, byte[] content) {
    try (FileOutputStream out = new FileOutputStream(fifo.toFile())) {
      out.write(content);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
