package dev.keypair.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.KeyPairLimits;
import dev.keypair.fingerprint.Fingerprints;
import dev.keypair.formats.AuthorizedKeyEntry;
import dev.keypair.formats.AuthorizedKeys;
import dev.keypair.formats.AuthorizedKeysLine;
import dev.keypair.formats.OpenSshPublicKeys;
import dev.keypair.testsupport.ExternalTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * keypair reads every authorized_keys line and file the testkit renders back as its key, options and comment;
 * ssh-keygen reads the files' keys too (it skips the options as sshd does).
 */
class AuthorizedKeysLinesProperties {

  @Property(tries = 500)
  void parseReadsBackKeyOptionsAndComment(@ForAll("lines") AuthorizedKeysLineSample sample) {
    AuthorizedKeyEntry e = AuthorizedKeys.parseEntry(sample.bytes(), KeyPairLimits.defaults());
    assertThat(e.key()).isEqualTo(sample.key());
    assertThat(e.key().comment()).isEqualTo(sample.comment());
    assertThat(e.options()).isEqualTo(sample.options());
    assertThat(e.toBytes()).isEqualTo(sample.bytes()); // a line read is written back as it was
    assertThat(sample.entry().options()).isEqualTo(sample.options());
  }

  @Provide
  Arbitrary<AuthorizedKeysLineSample> lines() {
    return AuthorizedKeysLines.lines();
  }

  @Property(tries = 200)
  void parseReadsBackEveryEntryOfAFile(@ForAll("files") AuthorizedKeysFileSample file) {
    List<AuthorizedKeysLine> lines = AuthorizedKeys.parse(file.bytes(), KeyPairLimits.defaults());
    assertThat(lines).hasSize((int) file.text().chars().filter(c -> c == '\n').count());
    List<AuthorizedKeyEntry> entries = lines.stream().filter(l -> l instanceof AuthorizedKeyEntry)
        .map(l -> (AuthorizedKeyEntry) l).toList();
    assertThat(entries).hasSameSizeAs(file.entries());
    for (int i = 0; i < entries.size(); i++) {
      assertThat(entries.get(i).key()).isEqualTo(file.entries().get(i).key());
      assertThat(entries.get(i).options()).isEqualTo(file.entries().get(i).options());
    }
  }

  @Provide
  Arbitrary<AuthorizedKeysFileSample> files() {
    return AuthorizedKeysLines.files();
  }

  @Provide
  Arbitrary<AuthorizedKeysFileSample> filesForSshKeygen() {
    return files().filter(f -> f.entries().stream().noneMatch(e -> {
      String options = e.text().substring(0, e.text().length() - OpenSshPublicKeys.encodeToString(e.key()).length());
      return options.endsWith("  ") || options.endsWith(" \t");
    }));
  }

  /**
   * ssh-keygen -l lists the files' keys, in order, with keypair's fingerprints. (It skips one blank after the
   * options, where sshd skips any run of them, so files with two are left out here.)
   */
  @Property(tries = 15)
  void sshKeygenListsTheKeysOfAFile(@ForAll("filesForSshKeygen") AuthorizedKeysFileSample file) throws IOException {
    if (file.entries().isEmpty()) {
      return;
    }
    Path f = Files.createTempFile("testkit-authorized_keys", "");
    try {
      Files.write(f, file.bytes());
      List<String> out = ExternalTools.sshKeygen().run("-l", "-f", f.toString()).ok().out().lines().toList();
      assertThat(out).hasSameSizeAs(file.entries());
      for (int i = 0; i < out.size(); i++) {
        assertThat(out.get(i).split(" ")[1])
            .isEqualTo(Fingerprints.sha256(file.entries().get(i).key().keyData()).value());
      }
    } finally {
      Files.delete(f);
    }
  }
}
