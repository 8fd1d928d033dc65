package dev.keypair.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark of this module and writes JMH's JSON ({@code jmh.json}) and {@code RESULTS.md} into a
 * folder: each case's throughputs, the ratios keypair/anchor and keypair/floor, each issue-8 target marked met or
 * NOT met, and the machine. {@code keypair-benchmarks/run} calls it:
 * <pre>
 * java -cp keypair-benchmarks/target/benchmarks.jar dev.keypair.benchmarks.Suite RESULTS_FOLDER [INCLUDE_REGEX]
 * </pre>
 * The quick run (the default: about ten minutes on 2 busy cores) takes each class's annotations: one fork, 2
 * warm-up and 2 measured iterations of 1 s (the import: 1 warm-up and 3 measured single shots). {@code KEYPAIR_BENCH_PRECISE=1} makes it 3 forks of 5 warm-up and 5 measured iterations of
 * 2 s each (about forty minutes). {@code KEYPAIR_BENCH_LABEL} is written at the top of the results.
 */
public final class Suite {

  /**
   * The most the lookup time may grow from 500 to 5,000 key pairs: the square root of 10, halfway in log scale
   * between O(1) (1x) and a scan (10x).
   */
  static final double LOOKUP_GROWTH = Math.sqrt(10);

  private Suite() {}

  public static void main(String[] args) throws RunnerException, IOException {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: Suite RESULTS_FOLDER [INCLUDE_REGEX]");
      System.exit(2);
    }
    Path folder = Path.of(args[0]);
    Files.createDirectories(folder);
    boolean precise = "1".equals(System.getenv("KEYPAIR_BENCH_PRECISE"));
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include(args.length > 1 ? args[1] : Suite.class.getPackageName() + "\\..*Benchmark")
        .resultFormat(ResultFormatType.JSON)
        .result(folder.resolve("jmh.json").toString());
    if (precise) {
      options.forks(3).warmupIterations(5).warmupTime(TimeValue.seconds(2))
          .measurementIterations(5).measurementTime(TimeValue.seconds(2));
    }
    Instant start = Instant.now();
    double loadBefore = load();
    Collection<RunResult> results = new Runner(options.build()).run();
    Report report = Report.of(results);
    String md = report.markdown(precise, start, Instant.now(), loadBefore, load(),
        System.getenv().getOrDefault("KEYPAIR_BENCH_LABEL", "a run of keypair-benchmarks/run"),
        System.getProperty("keypair.commit", "unknown"));
    Files.writeString(folder.resolve("RESULTS.md"), md, StandardCharsets.UTF_8);
    System.out.println("wrote " + folder.resolve("RESULTS.md") + " and " + folder.resolve("jmh.json"));
  }

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /** The scores by benchmark and parameters, and the tables made of them. */
  static final class Report {
    /** "Class.method" + sorted "name=value" parameters, to the score: throughputs in ops/s, the import in us/key. */
    private final Map<String, Double> scores = new TreeMap<>();
    private final List<String> missed = new ArrayList<>();
    private final List<String> unmeasured = new ArrayList<>();
    private final StringBuilder out = new StringBuilder();

    /** {@code scores}: "Class.method name=value ..." (parameters in name order) to the score. */
    Report(Map<String, Double> scores) {
      this.scores.putAll(scores);
    }

    static Report of(Collection<RunResult> results) {
      Map<String, Double> scores = new TreeMap<>();
      for (RunResult r : results) {
        String name = r.getParams().getBenchmark();
        StringBuilder key = new StringBuilder(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1));
        for (String p : new java.util.TreeSet<>(r.getParams().getParamsKeys())) {
          key.append(' ').append(p).append('=').append(r.getParams().getParam(p));
        }
        scores.put(key.toString(), r.getPrimaryResult().getScore());
      }
      return new Report(scores);
    }

    /** The targets not met, after {@link #markdown}. */
    List<String> missed() {
      return List.copyOf(missed);
    }

    /** The score, or NaN when that benchmark did not run (a filtered or failed run). */
    double score(String key) {
      Double s = scores.get(key);
      return s == null ? Double.NaN : s;
    }

    String markdown(boolean precise, Instant start, Instant end, double loadBefore, double loadAfter, String label,
        String commit) {
      Runtime rt = Runtime.getRuntime();
      line("# keypair benchmarks: results");
      line("");
      line("**" + label + "**");
      line("");
      line("Written by `keypair-benchmarks/run` (`dev.keypair.benchmarks.Suite`); JMH's numbers are in `jmh.json`"
          + " beside this file. Throughputs are operations per second (higher is better); a ratio is keypair's"
          + " throughput over the other side's, from the same run. Targets are issue 8's.");
      line("");
      line("| machine | |");
      line("|---|---|");
      line("| date (UTC) | " + start.truncatedTo(ChronoUnit.SECONDS) + " to " + end.truncatedTo(ChronoUnit.SECONDS) + " |");
      line("| JDK | " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
          + System.getProperty("java.vendor") + ") |");
      line("| OS | " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
          + System.getProperty("os.arch") + " |");
      line("| CPU | " + cpuModel() + " |");
      line("| cores (available to the JVM) | " + rt.availableProcessors() + " |");
      line("| load average before / after | " + fmt(loadBefore) + " / " + fmt(loadAfter) + " |");
      line("| run | " + (precise ? "precise (KEYPAIR_BENCH_PRECISE=1): 3 forks, 5 x 2 s warm-up, 5 x 2 s measured"
          : "quick: 1 fork, 2 x 1 s warm-up, 2 x 1 s measured (the import: 1 + 3 single shots)") + " |");
      line("| keypair commit | " + commit + " |");
      line("");
      line("## Targets");
      line("");
      int targetsAt = out.length();
      line("");
      singleLine();
      authorizedKeys();
      fingerprints();
      privateKeys();
      registry();
      StringBuilder summary = new StringBuilder();
      summary.append(missed.isEmpty() ? "Every target measured here is met.\n"
          : "NOT met (" + missed.size() + "):\n\n");
      for (String m : missed) {
        summary.append("- ").append(m).append('\n');
      }
      if (!unmeasured.isEmpty()) {
        summary.append("\nNot measured in this run (" + unmeasured.size() + "): ")
            .append(String.join("; ", unmeasured)).append('\n');
      }
      out.insert(targetsAt, summary);
      return out.toString();
    }

    private void singleLine() {
      line("## One OpenSSH line, parsed (`SingleLineBenchmark`)");
      line("");
      line("| key | keypair | MINA | BouncyCastle | floor: decode | floor: decode + SHA-256 | keypair / MINA (target >= 3) | keypair / BC | keypair / floor+SHA |");
      line("|---|---|---|---|---|---|---|---|---|");
      for (String k : List.of("rsa2048", "rsa4096", "ecdsa256", "ecdsa384", "ecdsa521", "ed25519")) {
        String p = " keyType=" + k;
        double kp = score("SingleLineBenchmark.keypair" + p);
        double mina = score("SingleLineBenchmark.mina" + p);
        line("| " + k + " | " + ops(kp) + " | " + ops(mina) + " | " + ops(score("SingleLineBenchmark.bc" + p)) + " | "
            + ops(score("SingleLineBenchmark.floorDecode" + p)) + " | " + ops(score("SingleLineBenchmark.floorSha256" + p))
            + " | " + target("single line " + k + ": keypair / MINA", kp / mina, 3) + " | "
            + ratio(kp / score("SingleLineBenchmark.bc" + p)) + " | " + ratio(kp / score("SingleLineBenchmark.floorSha256" + p)) + " |");
      }
      line("");
    }

    private void authorizedKeys() {
      line("## 10,000-line authorized_keys, parsed and SHA-256 fingerprinted (`AuthorizedKeysBenchmark`), key lines per second");
      line("");
      line("Half RSA (2048/3072/4096), a quarter Ed25519, a quarter ECDSA (P-256/384/521), options on 3,143 lines,"
          + " comments on two lines in three, 20 `#` lines. keypair and the floor read the whole file each call;"
          + " MINA and BouncyCastle 200-line pieces of it in turn (see the class comment); all scores are per key line.");
      line("");
      line("| keys | keypair | MINA | BouncyCastle | floor | keypair / MINA (target >= 10) | keypair / floor (target >= 0.5) | keypair / BC | floor + key check | floor + key check / floor |");
      line("|---|---|---|---|---|---|---|---|---|---|");
      for (String k : List.of("repeated", "distinct")) {
        String p = " keys=" + k;
        double kp = score("AuthorizedKeysBenchmark.keypair" + p);
        double mina = score("AuthorizedKeysBenchmark.mina" + p);
        double bc = score("AuthorizedKeysBenchmark.bc" + p);
        double floor = score("AuthorizedKeysBenchmark.floor" + p);
        double bound = score("AuthorizedKeysBenchmark.floorAndKeyCheck" + p);
        line("| " + k + " | " + ops(kp) + " | " + ops(mina) + " | " + ops(bc) + " | " + ops(floor) + " | "
            + target("authorized_keys (" + k + "): keypair / MINA", kp / mina, 10) + " | "
            + target("authorized_keys (" + k + "): keypair / floor", kp / floor, 0.5) + " | " + ratio(kp / bc) + " | "
            + ops(bound) + " | " + ratio(bound / floor) + " |");
      }
      line("");
      line("floor + key check: the floor plus keypair's validating decode of each blob (`KeyData.fromBlob`: the RSA"
          + " small-factor test, the ECDSA on-curve check, the size limits) and none of its line parsing. A reader that"
          + " validates keys as keypair does cannot beat it, so its ratio to the floor bounds keypair's.");
      line("");
    }

    private void fingerprints() {
      line("## Fingerprints of one RSA 2048 key (`FingerprintBenchmark`)");
      line("");
      line("keypair and MINA spell the fingerprint; the floor is the digest alone of bytes made at set-up. No target."
          + " A keypair key keeps its SHA-256 once computed, so the first row spells a kept digest; the second is a"
          + " key's first fingerprint (an Ed25519 key made from its 32 bytes on each call).");
      line("");
      line("| fingerprint | keypair | MINA | floor | keypair / MINA | keypair / floor |");
      line("|---|---|---|---|---|---|");
      Map<String, String> rows = new LinkedHashMap<>();
      rows.put("Sha256", "SHA256 (ssh-keygen), the same key object again");
      rows.put("Sha256New", "SHA256, a new Ed25519 key object each time");
      rows.put("Md5", "MD5 (ssh-keygen -E md5)");
      rows.put("AwsImported", "AWS imported (MD5 of DER SPKI)");
      rows.put("AwsCreated", "AWS created (SHA-1 of PKCS#8)");
      rows.forEach((m, title) -> {
        double kp = score("FingerprintBenchmark.keypair" + m);
        double mina = score("FingerprintBenchmark.mina" + m);
        double floor = score("FingerprintBenchmark.floor" + m);
        line("| " + title + " | " + ops(kp) + " | " + (Double.isNaN(mina) ? "none" : ops(mina)) + " | " + ops(floor)
            + " | " + (Double.isNaN(mina) ? "" : ratio(kp / mina)) + " | " + ratio(kp / floor) + " |");
      });
      line("");
    }

    private void privateKeys() {
      line("## Private keys, parsed (`PemPrivateKeyBenchmark`, `OpenSshPrivateKeyBenchmark`, `OpenSshPlainPrivateKeyBenchmark`, `PuttyPrivateKeyBenchmark`)");
      line("");
      line("Target: keypair at least as fast as the fastest anchor (ratio >= 1). BouncyCastle reads neither encrypted"
          + " openssh-key-v1 nor PPK. The BouncyCastle column of the unencrypted OpenSSH rows, and its ratio, come from"
          + " `OpenSshPlainPrivateKeyBenchmark`, which runs keypair again beside it. keypair's key check alone is the"
          + " consistency check every keypair reader runs (RSA: p * q = n, e * d = 1 mod p - 1 and q - 1, iqmp, the"
          + " public half; ECDSA: d * G = Q; Ed25519: the public key derived from the seed), on parts taken at set-up,"
          + " with no parsing: where it is slower than the fastest anchor's whole parse, no reader that checks keys as"
          + " keypair does can meet the target.");
      line("");
      line("| file | keypair | MINA | BouncyCastle | keypair / fastest anchor (target >= 1) | keypair's key check alone | key check alone / fastest anchor |");
      line("|---|---|---|---|---|---|---|");
      for (String f : List.of("pkcs1-rsa2048", "pkcs8-rsa2048", "pkcs1-ecdsa256", "pkcs8-ecdsa256")) {
        String p = " file=" + f;
        privateRow("PEM " + f.replace("pkcs1-ecdsa", "sec1-ecdsa"), score("PemPrivateKeyBenchmark.keypair" + p),
            score("PemPrivateKeyBenchmark.mina" + p), score("PemPrivateKeyBenchmark.bc" + p),
            score("PemPrivateKeyBenchmark.keypair" + p), score("PemPrivateKeyBenchmark.keyCheck" + p));
      }
      for (String k : List.of("ed25519", "rsa2048")) {
        for (String r : List.of("0", "16", "24")) {
          String p = " keyType=" + k + " rounds=" + r;
          boolean plain = r.equals("0");
          privateRow("openssh-key-v1 " + k + (plain ? " unencrypted" : " aes256-ctr, bcrypt " + r + " rounds"),
              score("OpenSshPrivateKeyBenchmark.keypair" + p), score("OpenSshPrivateKeyBenchmark.mina" + p),
              plain ? score("OpenSshPlainPrivateKeyBenchmark.bc keyType=" + k) : Double.NaN,
              plain ? score("OpenSshPlainPrivateKeyBenchmark.keypair keyType=" + k) : Double.NaN,
              plain ? score("OpenSshPlainPrivateKeyBenchmark.keyCheck keyType=" + k) : Double.NaN);
        }
      }
      for (String k : List.of("ed25519", "rsa2048")) {
        String p = " keyType=" + k;
        privateRow("PPK v3 " + k + ", Argon2id 8192 KiB 34 passes", score("PuttyPrivateKeyBenchmark.keypair" + p),
            score("PuttyPrivateKeyBenchmark.mina" + p), Double.NaN, Double.NaN, Double.NaN);
      }
      line("");
    }

    /**
     * {@code keypairBesideBc}: keypair's score from the run that measured BouncyCastle (NaN if none); {@code check}:
     * keypair's key check alone (NaN if not measured), whose ratio to the fastest anchor bounds keypair's.
     */
    private void privateRow(String title, double kp, double mina, double bc, double keypairBesideBc, double check) {
      double vsMina = kp / mina;
      double vsBc = keypairBesideBc / bc;
      double worst = Double.isNaN(vsBc) ? vsMina : Math.min(vsMina, vsBc);
      double fastest = Double.isNaN(bc) ? mina : Math.max(mina, bc);
      line("| " + title + " | " + ops(kp) + " | " + ops(mina) + " | " + (Double.isNaN(bc) ? "cannot" : ops(bc)) + " | "
          + target("private key " + title + ": keypair / fastest anchor", worst, 1) + " | "
          + (Double.isNaN(check) ? "" : ops(check)) + " | " + (Double.isNaN(check) ? "" : ratio(check / fastest)) + " |");
    }

    private void registry() {
      line("## Registry (`RegistryImportBenchmark`, `RegistryLookupBenchmark`), aws-ec2 profile, one region");
      line("");
      line("| store | import 5,000 keys: keys/s | findByFingerprint, 500 key pairs | findByFingerprint, 5,000 key pairs"
          + " | time at 5,000 / time at 500 (target: O(1) or O(log n), not a scan; here < " + ratio(LOOKUP_GROWTH) + ") |");
      line("|---|---|---|---|---|");
      for (String s : List.of("memory", "sqlite")) {
        double importMicros = score("RegistryImportBenchmark.importQuota store=" + s);
        double small = score("RegistryLookupBenchmark.findByFingerprint size=500 store=" + s);
        double large = score("RegistryLookupBenchmark.findByFingerprint size=5000 store=" + s);
        double growth = small / large;
        String mark;
        if (Double.isNaN(growth)) {
          mark = "not measured";
          unmeasured.add("registry lookup (" + s + ")");
        } else if (growth < LOOKUP_GROWTH) {
          mark = ratio(growth) + " met";
        } else {
          mark = ratio(growth) + " **NOT met**";
          missed.add("registry lookup (" + s + "): 10x the key pairs costs " + ratio(growth) + " the time");
        }
        line("| " + s + " | " + ops(1e6 / importMicros) + " | " + ops(small) + " | " + ops(large) + " | " + mark + " |");
      }
      line("");
      line("The SQLite plan is checked in keypair-store-jdbc's `SqliteQueryPlanTest` (SEARCH key_pairs USING INDEX"
          + " key_pairs_by_fingerprint); the in-memory store keeps a hash map from fingerprint to ids, and"
          + " keypair-store-api's `KeyPairRegistryTest` checks that a lookup among 5,000 key pairs reads only the one"
          + " it finds. For 10x the key pairs a scan takes 10x the time and O(log n) about 1.4x; the bound between"
          + " them, " + ratio(LOOKUP_GROWTH) + " (the square root of 10), leaves room for the processor's caches,"
          + " which hold the 500 key pairs' records and not the 5,000 ones': the in-memory ratio has been 1.5x to"
          + " 2.8x from run to run with the same code.");
    }

    private String target(String what, double ratio, double target) {
      if (Double.isNaN(ratio)) {
        unmeasured.add(what);
        return "not measured";
      }
      if (ratio >= target) {
        return ratio(ratio) + " met";
      }
      missed.add(what + " = " + ratio(ratio) + " (target >= " + target + ")");
      return ratio(ratio) + " **NOT met**";
    }

    private void line(String s) {
      out.append(s).append('\n');
    }
  }

  static String ops(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    if (v >= 100) {
      return String.format(Locale.ROOT, "%,d", Math.round(v));
    }
    return String.format(Locale.ROOT, "%.3g", v);
  }

  static String ratio(double r) {
    if (Double.isNaN(r) || Double.isInfinite(r)) {
      return "-";
    }
    return String.format(Locale.ROOT, r >= 100 ? "%.0fx" : r >= 10 ? "%.1fx" : "%.2fx", r);
  }

  private static String fmt(double load) {
    return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", load);
  }

  private static String cpuModel() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (l.startsWith("model name")) {
          return l.substring(l.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: the JDK does not say
    }
    return "unknown";
  }
}
