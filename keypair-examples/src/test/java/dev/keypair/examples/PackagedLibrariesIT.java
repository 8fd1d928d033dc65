package dev.keypair.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The jars the command runs with (keypair-examples/target/lib): none is signed, because the JDK checks a signed jar's
 * manifest and signature before loading its first class (about 120 ms of a run for BouncyCastle's) and class data
 * sharing skips signed jars; BouncyCastle's unsigned copy is still the multi-release jar it was.
 */
class PackagedLibrariesIT {

  private static final Path LIB = Path.of(System.getProperty("keypair.root", "..")).resolve("keypair-examples/target/lib");

  @Test
  void noJarOfTheCommandIsSigned() throws IOException {
    List<Path> jars;
    try (Stream<Path> s = Files.list(LIB)) {
      jars = s.filter(p -> p.toString().endsWith(".jar")).toList();
    }
    assertThat(jars).anyMatch(p -> p.getFileName().toString().startsWith("bcprov-"));
    for (Path jar : jars) {
      try (JarFile j = new JarFile(jar.toFile())) {
        assertThat(j.stream().map(e -> e.getName()))
            .as("signature files in %s", jar.getFileName())
            .noneMatch(n -> n.matches("META-INF/[^/]+\\.(SF|RSA|DSA|EC)"));
      }
    }
  }

  @Test
  void bouncyCastleIsStillMultiReleaseWithAllItsClasses() throws IOException {
    Path bc;
    try (Stream<Path> s = Files.list(LIB)) {
      bc = s.filter(p -> p.getFileName().toString().startsWith("bcprov-")).findFirst().orElseThrow();
    }
    try (JarFile j = new JarFile(bc.toFile())) {
      assertThat(j.isMultiRelease()).isTrue();
      assertThat(j.getJarEntry("org/bouncycastle/math/ec/rfc8032/Ed25519.class")).isNotNull();
      assertThat(j.stream().filter(e -> e.getName().startsWith("META-INF/versions/17/"))).isNotEmpty();
    }
  }
}
