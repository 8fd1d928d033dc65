package dev.keypair.testkit;

/** How the lines of an encoded key end: as keypair and OpenSSH write them, or as Windows editors save them. */
public enum LineEnding {
  /** A line feed, as every encoder writes. */
  LF,
  /**
   * A carriage return and a line feed, as a file saved on Windows has. keypair reads every format so; OpenSSH's
   * ssh-keygen (9.2) does not read an {@code openssh-key-v1} private key so.
   */
  CRLF;

  /** {@code text}, written with LF line ends, with this line end instead. */
  String apply(String text) {
    return this == LF ? text : text.replace("\n", "\r\n");
  }
}
