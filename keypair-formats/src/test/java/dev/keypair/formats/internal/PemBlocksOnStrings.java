package dev.keypair.formats.internal;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.internal.StrictBase64;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * {@link PemBlocks#parseSingle} as it was before it read the input in place: every line a String
 * ({@link TextLines#split}), the body copied back into bytes with the lines before it as empty lines. Kept
 * as the oracle of {@link PemBlocksInPlaceTest}.
 */
final class PemBlocksOnStrings {

  private static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";
  private static final String DASHES = "-----";

  private PemBlocksOnStrings() {}

  static PemBlocks.Block parseSingle(byte[] text, KeyPairLimits limits, String what) {
    Objects.requireNonNull(text, "text");
    List<String> lines = TextLines.split(text, limits, what);
    int n = lines.size();
    int i = 0;
    while (i < n && !isBoundary(lines.get(i), BEGIN)) {
      i++;
    }
    if (i == n) {
      throw new KeyPairException(ErrorCode.FORMAT, what + " has no -----BEGIN line");
    }
    int beginLine = i + 1;
    String label = boundaryLabel(lines.get(i), BEGIN, beginLine, what);
    i++;

    List<PemBlocks.Header> headers = new ArrayList<>();
    if (i < n && !isBoundary(lines.get(i), DASHES) && lines.get(i).indexOf(':') >= 0) {
      while (true) {
        if (i == n || isBoundary(lines.get(i), DASHES)) {
          throw new KeyPairException(ErrorCode.FORMAT, what + " headers after line " + beginLine
              + " are not ended by a blank line");
        }
        String line = lines.get(i);
        if (TextLines.isBlank(line)) {
          i++;
          break;
        }
        headers.add(header(line, i + 1, what));
        i++;
      }
    }

    int bodyStart = i;
    while (i < n && !isBoundary(lines.get(i), DASHES)) {
      i++;
    }
    if (i == n) {
      throw new KeyPairException(ErrorCode.FORMAT, what + " has no -----END line for the BEGIN at line " + beginLine);
    }
    String endLine = lines.get(i);
    if (isBoundary(endLine, BEGIN)) {
      throw new KeyPairException(ErrorCode.FORMAT, what + " has a second -----BEGIN at line " + (i + 1)
          + " before the -----END of the block at line " + beginLine);
    }
    if (!isBoundary(endLine, END)) {
      throw new KeyPairException(ErrorCode.FORMAT, what + " line " + (i + 1) + " starts with ----- but is not "
          + "an -----END line");
    }
    String endLabel = boundaryLabel(endLine, END, i + 1, what);
    if (!endLabel.equals(label)) {
      throw new KeyPairException(ErrorCode.FORMAT, what + " has -----BEGIN " + PemBlocks.labelForMessage(label)
          + "----- at line " + beginLine + " but -----END " + PemBlocks.labelForMessage(endLabel) + "----- at line " + (i + 1));
    }
    int endIndex = i;
    for (int k = endIndex + 1; k < n; k++) {
      if (isBoundary(lines.get(k), BEGIN)) {
        throw new KeyPairException(ErrorCode.FORMAT, what + " has a second PEM block at line " + (k + 1)
            + "; one block per input is read");
      }
    }
    byte[] der = decodeBody(lines, bodyStart, endIndex, what);
    if (der.length == 0) {
      throw new KeyPairException(ErrorCode.FORMAT, what + " block at line " + beginLine + " has no data");
    }
    return new PemBlocks.Block(label, headers, der, beginLine);
  }

  private static byte[] decodeBody(List<String> lines, int from, int to, String what) {
    int size = from;
    for (int k = from; k < to; k++) {
      size += lines.get(k).length() + 1;
    }
    byte[] body = new byte[size];
    Arrays.fill(body, 0, from, (byte) '\n');
    int o = from;
    for (int k = from; k < to; k++) {
      String line = lines.get(k);
      for (int c = 0; c < line.length(); c++) {
        body[o++] = (byte) line.charAt(c);
      }
      body[o++] = '\n';
    }
    return StrictBase64.decodeMultiline(body, 0, body.length, what + " body");
  }

  private static boolean isBoundary(String line, String prefix) {
    int j = 0;
    while (j < line.length() && isSpaceOrTab(line.charAt(j))) {
      j++;
    }
    return line.startsWith(prefix, j);
  }

  private static boolean isSpaceOrTab(char c) {
    return c == ' ' || c == '\t';
  }

  private static String trimSpaceTab(String line) {
    int from = 0;
    int to = line.length();
    while (from < to && isSpaceOrTab(line.charAt(from))) {
      from++;
    }
    while (to > from && isSpaceOrTab(line.charAt(to - 1))) {
      to--;
    }
    return line.substring(from, to);
  }

  private static String boundaryLabel(String line, String prefix, int lineNumber, String what) {
    String s = trimSpaceTab(line);
    if (!s.endsWith(DASHES) || s.length() < prefix.length() + DASHES.length()) {
      throw new KeyPairException(ErrorCode.FORMAT, what + " line " + lineNumber + " is not a well-formed "
          + prefix.trim() + " line");
    }
    String label = s.substring(prefix.length(), s.length() - DASHES.length());
    if (!PemBlocks.isValidLabel(label)) {
      throw new KeyPairException(ErrorCode.FORMAT, what + " line " + lineNumber + " has a malformed label");
    }
    return label;
  }

  private static PemBlocks.Header header(String line, int lineNumber, String what) {
    int colon = line.indexOf(':');
    if (colon <= 0) {
      throw new KeyPairException(ErrorCode.FORMAT, what + " line " + lineNumber + " in the headers is not "
          + "'Name: value'");
    }
    String name = line.substring(0, colon);
    for (int k = 0; k < name.length(); k++) {
      char c = name.charAt(k);
      if (c <= 0x20 || c >= 0x7f) {
        throw new KeyPairException(ErrorCode.FORMAT, what + " line " + lineNumber + " has a malformed header name");
      }
    }
    return new PemBlocks.Header(name, trimSpaceTab(line.substring(colon + 1)));
  }
}
