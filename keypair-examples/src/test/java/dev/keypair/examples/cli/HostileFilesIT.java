package dev.keypair.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command's conformance run on hostile files, as users run it: the {@code ./keypair} script, one process per
 * run, every command that reads a key file on every file of {@link HostileFiles} (with a passphrase where it takes
 * one), and the passphrase options on the files that are none ({@link HostileFiles.Run#script()}; the in-process
 * {@link CliHostileFilesTest} makes every combination). Each run exits 3 with one error line, nothing on stdout,
 * within {@link HostileFiles#BUDGET} of wall time from the process start. Runs go a few at a time.
 */
@Tag("integration") // needs keypair.jar: failsafe only (see the pom)
class HostileFilesIT {

  private static final Path ROOT = Path.of(System.getProperty("keypair.root", ".."));
  private static final int PARALLEL = 4;

  @TempDir
  Path dir;

  @Test
  void everyHostileFileIsBadInputWithOneLineFromTheScript() throws Exception {
    HostileFiles corpus = HostileFiles.create(dir);
    Path store = dir.resolve("registry.db");
    List<HostileFiles.Run> runs = new ArrayList<>();
    for (String name : corpus.files.keySet()) {
      runs.addAll(corpus.runs(name, store));
      runs.addAll(corpus.passphraseRuns(name));
    }
    runs.removeIf(run -> !run.script());
    assertThat(script("--version").exit()).isZero(); // makes the class-data archive once, before the others
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
    List<String> failures = new ArrayList<>();
    try {
      List<Future<String>> results = new ArrayList<>();
      for (HostileFiles.Run run : runs) {
        results.add(pool.submit(() -> runOne(run)));
      }
      for (Future<String> f : results) {
        String failure = f.get(120, TimeUnit.SECONDS);
        if (failure != null) {
          failures.add(failure);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    System.out.printf("HostileFilesIT: %d files, %d runs of ./keypair in %.1f s%n", corpus.files.size(), runs.size(),
        (System.nanoTime() - start) / 1e9);
    assertThat(failures).as("%d of %d runs", failures.size(), runs.size()).isEmpty();
  }

  /** What one process did. */
  private record Result(int exit, String out, String err, Duration took) {}

  /** The run's failure, or null when the command kept the contract. */
  private String runOne(HostileFiles.Run run) throws Exception {
    Result r = script(run.args().toArray(String[]::new));
    try {
      HostileFiles.check(run, r.exit(), r.out(), r.err(), r.took());
      return null;
    } catch (AssertionError e) {
      return e.getMessage();
    }
  }

  /** Runs {@code ./keypair ARGS} to its end, its output in files (a full pipe cannot stall it), stdin empty. */
  private Result script(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(ROOT.resolve("keypair").toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    long start = System.nanoTime();
    Process p = new ProcessBuilder(command).directory(ROOT.toFile()).redirectInput(new File("/dev/null"))
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Result(-1, "", "still running after 60 s\n", Duration.ofSeconds(60));
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8), took);
  }
}
