package dev.keypair.store;

import dev.keypair.core.SshPublicKey;
import dev.keypair.formats.PublicKeyFormat;
import dev.keypair.formats.PublicKeys;

/** Small shared helpers of this package. */
final class Registries {

  private Registries() {}

  /** The key as one OpenSSH line, without its line end. */
  static String openSshLine(SshPublicKey key) {
    String s = PublicKeys.encodeToString(key, PublicKeyFormat.OPENSSH);
    return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
  }

  /**
   * Whether {@code text} matches {@code pattern}, where {@code *} stands for any run of characters
   * (possibly empty) and every other character for itself. Backtracks to the last star only, so at worst
   * pattern length times text length steps (no regular expression is built from user input).
   */
  static boolean globMatches(String pattern, String text) {
    int p = 0;
    int t = 0;
    int star = -1;
    int mark = 0;
    while (t < text.length()) {
      if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        mark = t;
      } else if (p < pattern.length() && pattern.charAt(p) == text.charAt(t)) {
        p++;
        t++;
      } else if (star >= 0) {
        p = star + 1;
        t = ++mark;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }

  /** Whether {@code s} has no control characters. */
  static boolean isPrintable(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** {@code s} shortened to 80 characters with control characters escaped, for messages. */
  static String printable(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length() && i < 80; i++) {
      char c = s.charAt(i);
      sb.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return s.length() > 80 ? sb + "..." : sb.toString();
  }
}
