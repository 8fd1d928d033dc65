package dev.keypair.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the real tools keypair is checked against: {@code ssh-keygen}, {@code ssh}, {@code openssl} and
 * {@code puttygen}.
 *
 * <p>A missing tool <b>fails</b> the test with the command that installs it, so that CI (whose
 * {@code .ci/run} installs them) can never skip an interop test silently. A developer without the tools
 * may pass {@code -Dkeypair.interop.skip=true}, which turns the failure into a skipped test.
 */
public final class ExternalTools {

  /** System property that turns a missing tool into a skipped test instead of a failure. */
  public static final String SKIP_PROPERTY = "keypair.interop.skip";

  private static final long TIMEOUT_SECONDS = 120;

  private ExternalTools() {}

  public static Tool sshKeygen() {
    return new Tool("ssh-keygen", "openssh-client");
  }

  /** The ssh client, for {@code ssh -G}: the effective config of a host, printed without connecting. */
  public static Tool ssh() {
    return new Tool("ssh", "openssh-client");
  }

  public static Tool openssl() {
    return new Tool("openssl", "openssl");
  }

  public static Tool puttygen() {
    return new Tool("puttygen", "putty-tools");
  }

  /** The outcome of one run. */
  public record Result(List<String> command, int exitCode, byte[] stdout, byte[] stderr) {
    public String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }

    public String err() {
      return new String(stderr, StandardCharsets.UTF_8);
    }

    /** This result, after asserting the tool exited with 0. */
    public Result ok() {
      if (exitCode != 0) {
        Assertions.fail(String.join(" ", command) + " exited with " + exitCode + ": " + err().strip());
      }
      return this;
    }
  }

  /** One tool found on the PATH. */
  public static final class Tool {
    private final String name;
    private final String debianPackage;
    private Path cwd;

    Tool(String name, String debianPackage) {
      this.name = name;
      this.debianPackage = debianPackage;
    }

    /** Runs in {@code dir} instead of the current directory. */
    public Tool in(Path dir) {
      Tool t = new Tool(name, debianPackage);
      t.cwd = dir;
      return t;
    }

    public Result run(String... args) {
      return run(null, args);
    }

    /** Runs with {@code stdin} fed to the tool (null: none). */
    public Result run(byte[] stdin, String... args) {
      Path exe = locate();
      List<String> cmd = new ArrayList<>();
      cmd.add(exe.toString());
      cmd.addAll(Arrays.asList(args));
      ProcessBuilder pb = new ProcessBuilder(cmd);
      if (cwd != null) {
        pb.directory(cwd.toFile());
      }
      pb.environment().put("LC_ALL", "C");
      try {
        Process p = pb.start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        try (OutputStream in = p.getOutputStream()) {
          if (stdin != null) {
            in.write(stdin);
          }
        } catch (IOException e) {
          // the tool may exit without reading its input
        }
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          Assertions.fail(String.join(" ", cmd) + " did not finish in " + TIMEOUT_SECONDS + " s");
        }
        return new Result(cmd, p.exitValue(), out.join(), err.join());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    private Path locate() {
      String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
      for (String dir : path.split(java.io.File.pathSeparator)) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
      String message = name + " is not installed; the interop tests compare keypair with it. Install it with "
          + "`apt-get install -y " + debianPackage + "` (.ci/run does), or run with -D" + SKIP_PROPERTY
          + "=true to skip these tests on this machine.";
      if (Boolean.getBoolean(SKIP_PROPERTY)) {
        Assumptions.abort(message);
      }
      return Assertions.fail(message);
    }
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      in.transferTo(b);
      return b.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
