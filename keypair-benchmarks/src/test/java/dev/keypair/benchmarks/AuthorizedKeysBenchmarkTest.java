package dev.keypair.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.KeyPairLimits;
import dev.keypair.fingerprint.Fingerprints;
import dev.keypair.formats.AuthorizedKeyEntry;
import dev.keypair.formats.AuthorizedKeys;
import dev.keypair.formats.AuthorizedKeysLine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every side of {@link AuthorizedKeysBenchmark} finds the same keys with the same fingerprints, on the file it
 * reads, and the file is what the benchmark says it is.
 */
class AuthorizedKeysBenchmarkTest {

  @ParameterizedTest
  @ValueSource(strings = {"repeated", "distinct"})
  void everySideGivesTheSameFingerprints(String keys) throws Exception {
    AuthorizedKeysBenchmark b = new AuthorizedKeysBenchmark();
    b.keys = keys;
    b.setUp();
    List<String> keypair = new ArrayList<>();
    AuthorizedKeysBenchmark.keypair(b.file, f -> keypair.add(f.value()));
    List<String> floor = new ArrayList<>();
    AuthorizedKeysBenchmark.floor(b.file, d -> floor.add(SameAnswers.sha256Spelling(d)));
    assertThat(keypair).hasSize(Inputs.FILE_LINES).isEqualTo(floor);
    List<String> bound = new ArrayList<>();
    List<String> boundKeys = new ArrayList<>();
    AuthorizedKeysBenchmark.floorAndKeyCheck(b.file, d -> bound.add(SameAnswers.sha256Spelling(d)),
        k -> boundKeys.add(Fingerprints.sha256(k).value()));
    assertThat(bound).as("floor and key check").isEqualTo(floor).isEqualTo(boundKeys);
    assertThat(new HashSet<>(keypair)).hasSize(keys.equals("distinct") ? Inputs.FILE_LINES : Inputs.REPEATED_POOL);

    // the anchors' pieces are the file, in order; MINA and BouncyCastle agree on the first piece, which has the
    // file's mix (on all of a distinct file they would take over a minute: that is what the benchmark shows)
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    b.pieces.forEach(joined::writeBytes);
    assertThat(joined.toByteArray()).isEqualTo(b.file);
    assertThat(b.pieces).hasSize(Inputs.FILE_LINES / AuthorizedKeysBenchmark.PIECE);
    List<String> mina = new ArrayList<>();
    List<String> bc = new ArrayList<>();
    List<Object> bcKeys = new ArrayList<>();
    AuthorizedKeysBenchmark.mina(b.pieces.get(0), mina::add);
    AuthorizedKeysBenchmark.bc(b.pieces.get(0), d -> bc.add(SameAnswers.sha256Spelling(d)), bcKeys::add);
    assertThat(mina).as("MINA").isEqualTo(keypair.subList(0, AuthorizedKeysBenchmark.PIECE));
    assertThat(bc).as("BouncyCastle").isEqualTo(mina);
    assertThat(bcKeys).hasSize(bc.size()).doesNotContainNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"repeated", "distinct"})
  void theFileHasTheStatedMixOptionsAndCommentLines(String keys) {
    byte[] file = Inputs.authorizedKeys(keys.equals("distinct"));
    Map<String, Integer> types = new TreeMap<>();
    int withOptions = 0;
    int commentLines = 0;
    for (AuthorizedKeysLine line : AuthorizedKeys.stream(new ByteArrayInputStream(file), KeyPairLimits.defaults()).toList()) {
      if (line instanceof AuthorizedKeyEntry entry) {
        types.merge(entry.key().type() + "/" + entry.key().bits(), 1, Integer::sum);
        withOptions += entry.options().isEmpty() ? 0 : 1;
      } else {
        assertThat(((AuthorizedKeysLine.Other) line).kind()).isEqualTo(AuthorizedKeysLine.Other.Kind.COMMENT);
        commentLines++;
      }
    }
    assertThat(types).containsExactlyInAnyOrderEntriesOf(Map.of("RSA/2048", 2500, "RSA/3072", 1250,
        "RSA/4096", 1250, "ED25519/256", 2500, "ECDSA_NISTP256/256", 1250, "ECDSA_NISTP384/384", 625,
        "ECDSA_NISTP521/521", 625));
    assertThat(withOptions).isEqualTo(2000 + 1143);
    assertThat(commentLines).isEqualTo(20);
  }
}
