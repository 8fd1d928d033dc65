package dev.keypair.fingerprint;

import dev.keypair.core.Bytes;
import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyData;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.KeyType;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.core.internal.StrictBase64;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers "is this the key the console shows?": compares a fingerprint pasted from a console,
 * {@code ssh-keygen} or a colleague's message with every fingerprint the key could have.
 *
 * <p>Accepted spellings, in any letter case: with or without a {@code SHA256:}, {@code SHA1:} or
 * {@code MD5:} prefix; base64 with or without {@code =} padding; hex with or without colons; a whole
 * {@code ssh-keygen -l} line (the token that is a fingerprint is used). The digest length says which
 * hash it can be (16 bytes MD5, 20 SHA-1, 32 SHA-256); a prefix narrows it further. Candidates are the
 * OpenSSH fingerprints of the key, AWS's imported-key MD5 for RSA, for a certificate also the digests
 * of the whole certificate blob, and any extra candidates the caller knows (AWS's created-key SHA-1
 * needs the private key).
 */
public final class FingerprintMatcher {

  private FingerprintMatcher() {}

  /** A fingerprint string reduced to its digest. */
  public record Parsed(Bytes digest, Optional<String> prefix) {}

  /**
   * The outcome of a comparison.
   *
   * @param matched              the algorithm whose fingerprint equals the pasted one, if any
   * @param ofWholeCertificate   whether that was the digest of a whole certificate blob
   * @param tried                every algorithm compared, in order
   */
  public record Result(Optional<FingerprintAlgorithm> matched, boolean ofWholeCertificate,
      List<FingerprintAlgorithm> tried) {
    public Result {
      Objects.requireNonNull(matched, "matched");
      tried = List.copyOf(tried);
    }

    public boolean isMatch() {
      return matched.isPresent();
    }
  }

  /** Compares {@code pasted} with the fingerprints of {@code key}. */
  public static Result match(KeyData key, String pasted) {
    return match(key, pasted, List.of());
  }

  /**
   * Compares {@code pasted} with the fingerprints of the private key's public half and, for RSA, with
   * the fingerprint AWS shows for a key pair it created.
   */
  public static Result match(SshPrivateKey key, String pasted) {
    KeyData pub = key.keyData().publicKey();
    List<Fingerprint> extra = pub.type() == KeyType.RSA ? List.of(AwsFingerprints.created(key)) : List.of();
    return match(pub, pasted, extra);
  }

  /**
   * Compares {@code pasted} with the fingerprints of {@code key} and with {@code extra} (such as the
   * AWS created-key fingerprint computed from the private key).
   *
   * @throws KeyPairException {@link ErrorCode#INVALID_FINGERPRINT} if {@code pasted} is no fingerprint spelling
   */
  public static Result match(KeyData key, String pasted, Collection<Fingerprint> extra) {
    Parsed p = parse(pasted);
    int length = p.digest().length();
    String prefix = p.prefix().orElse("");
    List<FingerprintAlgorithm> tried = new ArrayList<>();
    KeyData plain = key.plainKey();
    for (FingerprintAlgorithm alg : FingerprintAlgorithm.values()) {
      if (alg.digestLength() != length || !(prefix.isEmpty() || hashName(alg).equals(prefix))) {
        continue;
      }
      List<Bytes> candidates = new ArrayList<>(2);
      ownDigest(plain, alg).ifPresent(candidates::add);
      for (Fingerprint f : extra) {
        if (f.algorithm() == alg) {
          candidates.add(f.digest());
        }
      }
      if (candidates.isEmpty()) {
        continue;
      }
      tried.add(alg);
      if (candidates.contains(p.digest())) {
        return new Result(Optional.of(alg), false, tried);
      }
    }
    if (key.isCertificate()) {
      for (FingerprintAlgorithm alg : List.of(FingerprintAlgorithm.SHA256, FingerprintAlgorithm.MD5,
          FingerprintAlgorithm.SHA1)) {
        if (alg.digestLength() == length && (prefix.isEmpty() || hashName(alg).equals(prefix))
            && Fingerprints.ofWholeBlob(key, alg).digest().equals(p.digest())) {
          return new Result(Optional.of(alg), true, tried);
        }
      }
    }
    return new Result(Optional.empty(), false, tried);
  }

  /** The key's own fingerprint under {@code alg}, where the public key alone determines it. */
  private static Optional<Bytes> ownDigest(KeyData plain, FingerprintAlgorithm alg) {
    if (alg.hashesSshBlob()) {
      return Optional.of(Fingerprints.of(plain, alg).digest());
    }
    if (alg == FingerprintAlgorithm.AWS_IMPORTED_MD5 && plain.type() == KeyType.RSA) {
      return Optional.of(AwsFingerprints.imported(plain).digest());
    }
    return Optional.empty();
  }

  private static String hashName(FingerprintAlgorithm alg) {
    return alg.hashName();
  }

  /**
   * Reduces a fingerprint spelling to its digest.
   *
   * @throws KeyPairException {@link ErrorCode#INVALID_FINGERPRINT} if no spelling fits,
   *     {@link ErrorCode#INPUT_TOO_LARGE} for text longer than a line may be
   *     ({@link KeyPairLimits#maxLineBytes()} of the default limits: a whole {@code ssh-keygen -l} line
   *     with its comment)
   */
  public static Parsed parse(String pasted) {
    Objects.requireNonNull(pasted, "pasted");
    String s = pasted.strip();
    int cap = KeyPairLimits.defaults().maxLineBytes();
    if (s.length() > cap) {
      throw new KeyPairException(ErrorCode.INPUT_TOO_LARGE,
          "the fingerprint given is " + s.length() + " characters long, over the line limit of " + cap);
    }
    String[] tokens = s.split("\\s+");
    if (tokens.length > 1) {
      // a whole `ssh-keygen -l` line: the token with a prefix, else the only token that parses
      List<Parsed> found = new ArrayList<>();
      for (String t : tokens) {
        Parsed p = tryParse(t);
        if (p != null) {
          found.add(p);
        }
      }
      List<Parsed> prefixed = found.stream().filter(p -> p.prefix().isPresent()).toList();
      if (prefixed.size() == 1) {
        return prefixed.get(0);
      }
      if (prefixed.isEmpty() && found.size() == 1) {
        return found.get(0);
      }
      throw invalid(found.isEmpty() ? "holds no fingerprint" : "holds more than one fingerprint");
    }
    Parsed p = tryParse(s);
    if (p == null) {
      throw invalid(s.isEmpty() ? "is empty" : "is not a SHA256, SHA1 or MD5 fingerprint in base64 or hex");
    }
    return p;
  }

  private static Parsed tryParse(String token) {
    String prefix = null;
    String body = token;
    int colon = token.indexOf(':');
    if (colon > 0) {
      String head = token.substring(0, colon).toUpperCase(Locale.ROOT);
      if (head.equals("SHA256") || head.equals("SHA1") || head.equals("MD5")) {
        prefix = head;
        body = token.substring(colon + 1);
      }
    }
    byte[] digest = decodeBody(body);
    if (digest == null || !(digest.length == 16 || digest.length == 20 || digest.length == 32)) {
      return null;
    }
    if (prefix != null && !FingerprintAlgorithm.hashNameOfLength(digest.length).equals(prefix)) {
      return null;
    }
    return new Parsed(Bytes.of(digest), Optional.ofNullable(prefix));
  }

  private static byte[] decodeBody(String body) {
    if (body.isEmpty()) {
      return null;
    }
    if (body.indexOf(':') >= 0) {
      String[] pairs = body.split(":", -1);
      StringBuilder hex = new StringBuilder();
      for (String pair : pairs) {
        if (pair.length() != 2 || !isHex(pair)) {
          return null;
        }
        hex.append(pair);
      }
      return HexFormat.of().parseHex(hex);
    }
    int n = body.length();
    if ((n == 32 || n == 40 || n == 64) && isHex(body)) {
      return HexFormat.of().parseHex(body);
    }
    String padded = switch (n % 4) {
      case 2 -> body + "==";
      case 3 -> body + "=";
      default -> body;
    };
    try {
      return StrictBase64.decode(padded, "fingerprint");
    } catch (KeyPairException e) {
      return null;
    }
  }

  private static boolean isHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  private static KeyPairException invalid(String why) {
    return new KeyPairException(ErrorCode.INVALID_FINGERPRINT, "the fingerprint given " + why);
  }
}
