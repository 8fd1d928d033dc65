package dev.keypair.examples.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Not a command: the ./keypair script runs this once after a build, with
 * {@code -XX:ArchiveClassesAtExit}, so that the class-data-sharing archive holds the classes of the
 * common paths (public keys, private keys made, written and read, and the registry) and every later run starts
 * with them loaded. Runs the real commands in-process, in a temporary folder it removes.
 */
public final class CdsTraining {

  private CdsTraining() {}

  public static void main(String[] args) throws IOException {
    Path dir = Files.createTempDirectory("keypair-cds");
    PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true);
    try {
      String key = dir.resolve("k").toString();
      String pw = dir.resolve("pw").toString();
      Files.writeString(Path.of(pw), "training\n");
      for (String[] run : new String[][] {
          {"generate", "--type", "ed25519", "--comment", "cds", "--out", key},
          {"fingerprint", "--in", key + ".pub"},
          {"fingerprint", "--in", key},
          {"fingerprint", "--aws", "--in", key + ".pub"},
          {"public", "--in", key, "--format", "rfc4716"},
          {"verify", "--in", key + ".pub", "--fingerprint", "SHA256:AAAA"},
          {"generate", "--type", "ecdsa", "--format", "pkcs8", "--out", key + "2"},
          {"convert", "--in", key + "2", "--format", "pem"},
          {"generate", "--type", "ed25519", "--format", "ppk", "--out", key + "3"},
          {"fingerprint", "--in", key + "3"},
          {"fingerprint", "--in", "-"},
          {"registry", "--store", dir.resolve("registry.db").toString(), "--provider", "aws-ec2", "--region", "cds",
              "import", "--name", "cds", "--in", key + ".pub"},
          {"registry", "--store", dir.resolve("registry.db").toString(), "--provider", "aws-ec2", "--region", "cds",
              "list", "--json"},
          {"registry", "--store", dir.resolve("registry.db").toString(), "--provider", "aws-ec2", "--region", "cds",
              "show", "--name", "cds"}}) {
        KeypairCommand.run(run, sink, sink);
      }
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
