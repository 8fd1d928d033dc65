package dev.keypair.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Suite.Report} computes ratios from the right pairs of scores and marks each target met or NOT met. */
class SuiteReportTest {

  @Test
  void ratiosAreKeypairOverTheOtherSideAndTargetsAreMarked() {
    Suite.Report report = new Suite.Report(Map.ofEntries(
        Map.entry("SingleLineBenchmark.keypair keyType=rsa2048", 300.0),
        Map.entry("SingleLineBenchmark.mina keyType=rsa2048", 100.0),
        Map.entry("SingleLineBenchmark.keypair keyType=ecdsa256", 200.0),
        Map.entry("SingleLineBenchmark.mina keyType=ecdsa256", 100.0),
        Map.entry("AuthorizedKeysBenchmark.keypair keys=distinct", 600_000.0),
        Map.entry("AuthorizedKeysBenchmark.mina keys=distinct", 150.0),
        Map.entry("AuthorizedKeysBenchmark.floor keys=distinct", 1_000_000.0),
        Map.entry("AuthorizedKeysBenchmark.floorAndKeyCheck keys=distinct", 800_000.0),
        Map.entry("PemPrivateKeyBenchmark.keypair file=pkcs1-ecdsa256", 20_000.0),
        Map.entry("PemPrivateKeyBenchmark.mina file=pkcs1-ecdsa256", 200_000.0),
        Map.entry("PemPrivateKeyBenchmark.bc file=pkcs1-ecdsa256", 100_000.0),
        Map.entry("PemPrivateKeyBenchmark.keyCheck file=pkcs1-ecdsa256", 25_000.0),
        Map.entry("RegistryLookupBenchmark.findByFingerprint size=500 store=memory", 100_000.0),
        Map.entry("RegistryLookupBenchmark.findByFingerprint size=5000 store=memory", 90_000.0),
        Map.entry("RegistryLookupBenchmark.findByFingerprint size=500 store=sqlite", 20_000.0),
        Map.entry("RegistryLookupBenchmark.findByFingerprint size=5000 store=sqlite", 2_000.0)));
    String md = report.markdown(false, Instant.EPOCH, Instant.EPOCH, 1, 1, "test", "abc");
    assertThat(report.missed()).containsExactly(
        "single line ecdsa256: keypair / MINA = 2.00x (target >= 3.0)",
        "private key PEM sec1-ecdsa256: keypair / fastest anchor = 0.10x (target >= 1.0)",
        "registry lookup (sqlite): 10x the key pairs costs 10.0x the time");
    assertThat(md).contains("| rsa2048 | 300 | 100 | - | - | - | 3.00x met |",
        "| distinct | 600,000 | 150 | - | 1,000,000 | 4000x met | 0.60x met | - | 800,000 | 0.80x |",
        "| memory | - | 100,000 | 90,000 | 1.11x met |",
        "| PEM sec1-ecdsa256 | 20,000 | 200,000 | 100,000 | 0.10x **NOT met** | 25,000 | 0.13x |",
        "NOT met (3):", "Not measured in this run (");
  }

  /** A lookup that grows 3x for 10x the key pairs is not a scan; one that grows 3.3x is taken for one. */
  @Test
  void lookupGrowthIsMeasuredAgainstTheSquareRootOfTen() {
    Suite.Report report = new Suite.Report(Map.ofEntries(
        Map.entry("RegistryLookupBenchmark.findByFingerprint size=500 store=memory", 300_000.0),
        Map.entry("RegistryLookupBenchmark.findByFingerprint size=5000 store=memory", 100_000.0),
        Map.entry("RegistryLookupBenchmark.findByFingerprint size=500 store=sqlite", 33_000.0),
        Map.entry("RegistryLookupBenchmark.findByFingerprint size=5000 store=sqlite", 10_000.0)));
    String md = report.markdown(false, Instant.EPOCH, Instant.EPOCH, 1, 1, "test", "abc");
    assertThat(report.missed()).containsExactly("registry lookup (sqlite): 10x the key pairs costs 3.30x the time");
    assertThat(md).contains("| memory | - | 300,000 | 100,000 | 3.00x met |", "here < 3.16x");
  }
}
