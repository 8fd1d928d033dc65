package dev.keypair.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's examples are code that runs: the quick start is QuickStart's snippet, verbatim. */
class ReadmeTest {

  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  @Test
  void readmeQuotesTheQuickStartVerbatim() throws Exception {
    String source = Files.readString(ROOT.resolve("keypair-examples/src/main/java/dev/keypair/examples/QuickStart.java"));
    String snippet = source.substring(source.indexOf("// snippet:start\n") + "// snippet:start\n".length(),
        source.indexOf("    // snippet:end"));
    String unindented = snippet.lines().map(l -> l.length() >= 4 ? l.substring(4) : l.strip())
        .collect(Collectors.joining("\n", "", "\n"));
    assertThat(Files.readString(ROOT.resolve("README.md"))).contains(unindented);
  }

  @Test
  void quickStartRunsAndMatches() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      QuickStart.main(new String[] {ROOT.resolve("keypair-examples/src/main/resources/demo/demo_ed25519.pub").toString()});
    } finally {
      System.setOut(saved);
    }
    assertThat(buf.toString(StandardCharsets.UTF_8)).startsWith("SHA256:bGkNAcRW+FpjTTeQQ7Rpl4ndD5df/zagFRCAegS7UPs\n")
        .contains("match: SHA256\n", "---- BEGIN SSH2 PUBLIC KEY ----");
  }
}
