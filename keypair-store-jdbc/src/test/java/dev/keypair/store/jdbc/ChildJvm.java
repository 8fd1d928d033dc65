package dev.keypair.store.jdbc;

import dev.keypair.core.KeyPairException;
import dev.keypair.store.spi.KeyPairStore;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.sqlite.util.OSInfo;

/**
 * A {@link StoreChild} in its own JVM, its stdout lines in a queue. The crash tests start hundreds, so a launch is
 * made cheap: the classpath holds only what the child loads (these tests, the store, the SPI, core and
 * sqlite-jdbc, class folders packed into jars, which the class-data archive requires), SQLite's native library
 * is unpacked once rather than by every child, the client compiler alone runs, and the classes the child loads
 * come from a class-data archive written by one training run.
 */
final class ChildJvm implements AutoCloseable {

  private static final String EOF = "\u0000EOF";

  /** The command up to the main class's arguments, made once per test JVM. */
  private static List<String> launcher;

  final Process process;
  private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Writer stdin;

  ChildJvm(Path stderr, String... args) throws IOException {
    this(stderr, List.of(), args);
  }

  /** A child with these JVM options ({@code -Dname=value}) before the main class. */
  ChildJvm(Path stderr, List<String> jvmOptions, String... args) throws IOException {
    List<String> command = new ArrayList<>(launcher());
    command.addAll(command.size() - 1, jvmOptions);
    command.addAll(List.of(args));
    process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          lines.add(line);
        }
      } catch (IOException ignored) {
        // the child was killed
      } finally {
        lines.add(EOF);
      }
    }, "child-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  private static synchronized List<String> launcher() throws IOException {
    if (launcher != null) {
      return launcher;
    }
    Path home = Files.createTempDirectory("store-child");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try (var files = Files.list(home)) {
        for (Path f : files.toList()) {
          Files.deleteIfExists(f);
        }
        Files.deleteIfExists(home);
      } catch (IOException ignored) {
        // a folder left in the temporary directory
      }
    }));
    Set<Path> locations = new LinkedHashSet<>();
    for (Class<?> c : List.of(StoreChild.class, JdbcKeyPairStore.class, KeyPairStore.class, KeyPairException.class,
        org.sqlite.JDBC.class)) {
      try {
        locations.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()));
      } catch (URISyntaxException e) {
        throw new IOException(e);
      }
    }
    StringBuilder classpath = new StringBuilder();
    for (Path entry : locations) {
      Path jar = Files.isDirectory(entry) ? jar(entry, home.resolve("classes-" + classpath.length() + ".jar")) : entry;
      classpath.append(classpath.length() == 0 ? "" : File.pathSeparator).append(jar);
    }
    String library = System.mapLibraryName("sqlitejdbc");
    try (InputStream in = org.sqlite.JDBC.class.getResourceAsStream("/org/sqlite/native/"
        + OSInfo.getNativeLibFolderPathForCurrentOS() + "/" + library)) {
      Files.copy(Objects.requireNonNull(in, "sqlite-jdbc has no native library for this platform"),
          home.resolve(library));
    }
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
        "-Dorg.sqlite.lib.path=" + home, "-Dorg.sqlite.lib.name=" + library, "-Djava.io.tmpdir=" + home,
        "-cp", classpath.toString()));
    Path archive = home.resolve("store-child.jsa");
    List<String> training = new ArrayList<>(command);
    training.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:disable", StoreChild.class.getName(),
        "open", home.resolve("training.db").toString()));
    try {
      Process p = new ProcessBuilder(training).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly(); // no archive: the children start without one
      } else if (p.exitValue() == 0 && Files.exists(archive)) {
        command.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:disable"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    command.add(StoreChild.class.getName());
    launcher = List.copyOf(command);
    return launcher;
  }

  /** Packs the class folder {@code classes} into {@code jar}. */
  private static Path jar(Path classes, Path jar) throws IOException {
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); var files = Files.walk(classes)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
        Files.copy(f, out);
        out.closeEntry();
      }
    }
    return jar;
  }

  /** The next line, or {@code null} at the end of the output; fails after {@code seconds}. */
  String nextLine(int seconds) throws InterruptedException {
    String line = lines.poll(seconds, TimeUnit.SECONDS);
    if (line == null) {
      throw new AssertionError("the child printed nothing for " + seconds + " s");
    }
    return line.equals(EOF) ? null : line;
  }

  void send(String line) throws IOException {
    stdin.write(line + "\n");
    stdin.flush();
  }

  /** Kills the child (SIGKILL) and returns every line it printed that was not read yet. */
  List<String> kill() throws InterruptedException {
    process.toHandle().destroyForcibly(); // SIGKILL; Process.destroyForcibly would also discard unread output
    process.waitFor(30, TimeUnit.SECONDS);
    List<String> rest = new ArrayList<>();
    for (String line; (line = nextLine(30)) != null; ) {
      rest.add(line);
    }
    return rest;
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
