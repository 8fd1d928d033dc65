package dev.keypair.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The public fingerprint vectors under {@code src/test/resources/vectors/fingerprints} (see PROVENANCE.md there). */
public final class Vectors {

  /** One row of {@code expected.tsv}. */
  public record Row(String file, String method, String expected, String source, String notes) {
    @Override
    public String toString() {
      return file + " " + method;
    }
  }

  private Vectors() {}

  public static byte[] bytes(String file) {
    String resource = "/vectors/fingerprints/" + file;
    try (InputStream in = Vectors.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no vector " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every row of expected.tsv, comments skipped. */
  public static List<Row> expected() {
    List<Row> rows = new ArrayList<>();
    for (String line : new String(bytes("expected.tsv"), StandardCharsets.UTF_8).split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t", -1);
      rows.add(new Row(f[0], f[1], f[2], f.length > 3 ? f[3] : "", f.length > 4 ? f[4] : ""));
    }
    return rows;
  }

  /** The files of {@code invalid/}: inputs AWS ImportKeyPair refuses (see the vectors' README). */
  public static final List<String> INVALID = List.of("authorized_keys_options.txt", "bad_base64.txt", "dsa.pub",
      "ecdsa_p256.pub", "ed25519_empty_blob.txt", "empty.pub", "garbage.txt", "leading_comment_line.txt",
      "rfc4716_truncated.txt", "ssh-rsa_no_blob.txt", "two_keys.txt");
}
