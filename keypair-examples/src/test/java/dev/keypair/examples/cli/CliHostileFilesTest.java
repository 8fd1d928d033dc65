package dev.keypair.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
}
