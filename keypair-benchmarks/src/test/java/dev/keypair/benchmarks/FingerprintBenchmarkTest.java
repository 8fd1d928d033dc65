package dev.keypair.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** keypair, MINA and the floor give the same digests in {@link FingerprintBenchmark}. */
class FingerprintBenchmarkTest {

  private static final HexFormat COLONS = HexFormat.ofDelimiter(":");

  @Test
  void everySideGivesTheSameDigests() {
    FingerprintBenchmark b = new FingerprintBenchmark();
    b.setUp();
    assertThat(b.keypairSha256()).isEqualTo(b.minaSha256()).isEqualTo(SameAnswers.sha256Spelling(b.floorSha256()));
    assertThat(b.keypairSha256New()).isEqualTo(SameAnswers.sha256Spelling(b.floorSha256New()));
    assertThat(b.keypairMd5()).isEqualTo(b.minaMd5()).isEqualTo("MD5:" + COLONS.formatHex(b.floorMd5()));
    assertThat(b.keypairAwsImported()).isEqualTo(COLONS.formatHex(b.floorAwsImported()));
    assertThat(b.keypairAwsCreated()).isEqualTo(COLONS.formatHex(b.floorAwsCreated()));
  }
}
