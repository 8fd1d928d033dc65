package dev.keypair.formats;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One option of an {@code authorized_keys} line, such as {@code no-pty} (a flag) or
 * {@code command="/usr/bin/backup"} (a name and a value). See sshd(8), "AUTHORIZED_KEYS FILE FORMAT".
 *
 * <p>Only the options sshd knows are accepted; names are compared without regard to case and kept in
 * sshd(8)'s spelling ({@code NO-PTY} becomes {@code no-pty}, {@code no-x11-forwarding} becomes
 * {@code no-X11-forwarding}). Flags, which take no value: {@code agent-forwarding},
 * {@code cert-authority}, {@code no-agent-forwarding}, {@code no-port-forwarding}, {@code no-pty},
 * {@code no-touch-required}, {@code no-user-rc}, {@code no-verify-required}, {@code no-X11-forwarding},
 * {@code port-forwarding}, {@code pty}, {@code restrict}, {@code touch-required}, {@code user-rc},
 * {@code verify-required}, {@code X11-forwarding} ({@code touch-required} and
 * {@code no-verify-required} are not in the manual but sshd's parser, auth-options.c, takes them).
 * Options with a value, checked as sshd checks them where it does:
 * <table>
 *   <caption>Options with a value</caption>
 *   <tr><th>name</th><th>value</th></tr>
 *   <tr><td>{@code command}, {@code from}, {@code principals}</td><td>any text</td></tr>
 *   <tr><td>{@code environment}</td><td>{@code NAME=value}, NAME of letters, digits and {@code _}</td></tr>
 *   <tr><td>{@code expiry-time}</td><td>{@code YYYYMMDD[HHMM[SS]]}, a real date and time from 1970 on,
 *       optionally followed by {@code Z} or {@code UTC} (either case)</td></tr>
 *   <tr><td>{@code permitopen}</td><td>{@code host:port} or {@code host/port}: port 1 to 65535, {@code *}
 *       or a service name ({@code db:postgresql}, as sshd's {@code a2port} takes it), an IPv6 host in
 *       brackets ({@code [::1]:22}); the host is not empty and at most 1024 characters</td></tr>
 *   <tr><td>{@code permitlisten}</td><td>{@code [host:]port}, as {@code permitopen} with the host
 *       optional</td></tr>
 *   <tr><td>{@code tunnel}</td><td>a tun device number, 0 to 2147483645, or {@code any}</td></tr>
 * </table>
 * The rules follow what sshd accepts (auth-options.c), so that a file sshd reads is never refused.
 *
 * <p>An unknown name, a flag with a value, a missing value or a value breaking its rule is
 * {@link ErrorCode#INVALID_OPTION}; a value that no {@code authorized_keys} line can hold (a CR, LF or
 * NUL, or a final backslash, which would escape the closing quote) is {@link ErrorCode#UNREPRESENTABLE}.
 * Messages name the option, never its value.
 *
 * @param name  the option's name, in sshd(8)'s spelling
 * @param value the value, without the quotes and with {@code \"} unescaped; {@code null} for a flag
 */
public record AuthorizedKeyOption(String name, String value) {

  private enum Rule { FLAG, ANY, ENVIRONMENT, EXPIRY, PERMITOPEN, PERMITLISTEN, TUNNEL }

  private static final Map<String, String> CANONICAL = new HashMap<>();
  private static final Map<String, Rule> RULES = new HashMap<>();
  private static final List<String> NAMES;
  private static final int LONGEST;

  static {
    String[] flags = {"agent-forwarding", "cert-authority", "no-agent-forwarding", "no-port-forwarding", "no-pty",
        "no-touch-required", "no-user-rc", "no-verify-required", "no-X11-forwarding", "port-forwarding", "pty",
        "restrict", "touch-required", "user-rc", "verify-required", "X11-forwarding"};
    for (String f : flags) {
      add(f, Rule.FLAG);
    }
    add("command", Rule.ANY);
    add("from", Rule.ANY);
    add("principals", Rule.ANY);
    add("environment", Rule.ENVIRONMENT);
    add("expiry-time", Rule.EXPIRY);
    add("permitopen", Rule.PERMITOPEN);
    add("permitlisten", Rule.PERMITLISTEN);
    add("tunnel", Rule.TUNNEL);
    List<String> names = new ArrayList<>(CANONICAL.values());
    Collections.sort(names, String.CASE_INSENSITIVE_ORDER);
    NAMES = List.copyOf(names);
    LONGEST = names.stream().mapToInt(String::length).max().orElse(0);
  }

  private static void add(String name, Rule rule) {
    String key = name.toLowerCase(Locale.ROOT);
    CANONICAL.put(key, name);
    RULES.put(key, rule);
  }

  /**
   * @throws KeyPairException {@link ErrorCode#INVALID_OPTION} for an unknown name, a flag with a value, a
   *     missing value or a malformed one; {@link ErrorCode#UNREPRESENTABLE} for a value no line can hold
   */
  public AuthorizedKeyOption {
    Objects.requireNonNull(name, "name");
    String key = name.length() <= LONGEST ? name.toLowerCase(Locale.ROOT) : "";
    Rule rule = RULES.get(key);
    if (rule == null) {
      throw new KeyPairException(ErrorCode.INVALID_OPTION, "unknown authorized_keys option " + quoted(name));
    }
    name = CANONICAL.get(key);
    if (rule == Rule.FLAG) {
      if (value != null) {
        throw new KeyPairException(ErrorCode.INVALID_OPTION, "authorized_keys option '" + name + "' takes no value");
      }
    } else {
      if (value == null) {
        throw new KeyPairException(ErrorCode.INVALID_OPTION, "authorized_keys option '" + name + "' needs a value");
      }
      checkRepresentable(name, value);
      String why = problem(rule, value);
      if (why != null) {
        throw new KeyPairException(ErrorCode.INVALID_OPTION,
            "authorized_keys option '" + name + "' has an invalid value: " + why);
      }
    }
  }

  /** A flag such as {@code no-pty}. */
  public static AuthorizedKeyOption flag(String name) {
    return new AuthorizedKeyOption(name, null);
  }

  /** An option with a value, such as {@code command} and {@code /usr/bin/backup}. */
  public static AuthorizedKeyOption of(String name, String value) {
    return new AuthorizedKeyOption(name, Objects.requireNonNull(value, "value"));
  }

  /** Whether this option has a value (is not a flag). */
  public boolean hasValue() {
    return value != null;
  }

  /** The names of every option keypair accepts, in sshd(8)'s spelling, sorted. */
  public static List<String> knownNames() {
    return NAMES;
  }

  /** Whether {@code name} is a flag keypair accepts (any case). */
  public static boolean isFlag(String name) {
    return RULES.get(name.toLowerCase(Locale.ROOT)) == Rule.FLAG;
  }

  /** Whether {@code buf[from, to)} is, in any case, the name of an option (used to spot options cheaply). */
  static boolean isKnownName(byte[] buf, int from, int to) {
    return to - from <= LONGEST && to > from
        && RULES.containsKey(new String(buf, from, to - from, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT));
  }

  /** This option as it stands in a line: {@code name} or {@code name="value"}, {@code "} escaped as {@code \"}. */
  String encode() {
    return value == null ? name : name + "=\"" + value.replace("\"", "\\\"") + '"';
  }

  private static void checkRepresentable(String name, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\n' || c == '\r' || c == 0) {
        throw new KeyPairException(ErrorCode.UNREPRESENTABLE,
            "authorized_keys option '" + name + "' cannot hold a line break or NUL");
      }
    }
    if (value.endsWith("\\")) {
      throw new KeyPairException(ErrorCode.UNREPRESENTABLE,
          "authorized_keys option '" + name + "' cannot end with a backslash (it would escape the closing quote)");
    }
  }

  /** Why {@code value} breaks {@code rule}, or null. */
  private static String problem(Rule rule, String value) {
    switch (rule) {
      case ENVIRONMENT: {
        int eq = value.indexOf('=');
        if (eq < 1 || !envName(value, eq)) {
          return "must be NAME=value, NAME of letters, digits and '_'";
        }
        return null;
      }
      case EXPIRY:
        return expiry(value) ? null : "must be YYYYMMDD[HHMM[SS]], optionally followed by Z or UTC";
      case PERMITOPEN:
        return hostPort(value, false) ? null
            : "must be host:port (port 1-65535, * or a service name; IPv6 host in brackets)";
      case PERMITLISTEN:
        return hostPort(value, true) ? null
            : "must be [host:]port (port 1-65535, * or a service name; IPv6 host in brackets)";
      case TUNNEL:
        return value.equalsIgnoreCase("any") || number(value, 0, 2147483645L) ? null
            : "must be a tun device number or any";
      default:
        return null;
    }
  }

  private static boolean envName(String v, int end) {
    for (int i = 0; i < end; i++) {
      char c = v.charAt(i);
      if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
        return false;
      }
    }
    return true;
  }

  private static boolean expiry(String v) {
    int n = v.length();
    if (n > 1 && (v.charAt(n - 1) == 'Z' || v.charAt(n - 1) == 'z')) {
      n -= 1;
    } else if (n > 3 && v.regionMatches(true, n - 3, "UTC", 0, 3)) {
      n -= 3;
    }
    if (n != 8 && n != 12 && n != 14) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (v.charAt(i) < '0' || v.charAt(i) > '9') {
        return false;
      }
    }
    int year = Integer.parseInt(v.substring(0, 4));
    try {
      LocalDateTime.of(year, Integer.parseInt(v.substring(4, 6)), Integer.parseInt(v.substring(6, 8)),
          n > 8 ? Integer.parseInt(v.substring(8, 10)) : 0, n > 8 ? Integer.parseInt(v.substring(10, 12)) : 0,
          n > 12 ? Integer.parseInt(v.substring(12, 14)) : 0);
    } catch (DateTimeException e) {
      return false;
    }
    return year >= 1970;
  }

  private static boolean hostPort(String v, boolean portAlone) {
    if (portAlone && v.indexOf(':') < 0) {
      return port(v);
    }
    int portStart;
    if (v.startsWith("[")) {
      int close = v.indexOf(']');
      if (close < 2 || close + 1 >= v.length() || v.charAt(close + 1) != ':') {
        return false;
      }
      portStart = close + 2;
    } else {
      // sshd's hpdelim takes ':' or '/' between host and port
      int sep = -1;
      for (int i = 0; i < v.length(); i++) {
        if (v.charAt(i) == ':' || v.charAt(i) == '/') {
          sep = i;
          break;
        }
      }
      if (sep < 1) {
        return false;
      }
      portStart = sep + 1;
    }
    return portStart - 1 <= 1024 && port(v.substring(portStart));
  }

  /** A port as sshd's a2port reads it: a number 1 to 65535, {@code *}, or a service name. */
  private static boolean port(String p) {
    return p.equals("*") || number(p, 1, 65535) || serviceName(p);
  }

  /** A service name as /etc/services spells them: a letter, then letters, digits, '-', '_', '.', '+'. */
  private static boolean serviceName(String p) {
    if (p.isEmpty() || p.length() > 64 || !Character.isLetter(p.charAt(0)) || p.charAt(0) > 0x7f) {
      return false;
    }
    for (int i = 1; i < p.length(); i++) {
      char c = p.charAt(i);
      if (!(c < 0x80 && (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == '+'))) {
        return false;
      }
    }
    return true;
  }

  private static boolean number(String s, long min, long max) {
    if (s.isEmpty() || s.length() > 10) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    long v = Long.parseLong(s);
    return v >= min && v <= max;
  }

  /** A name for a message: printable ASCII, at most 40 characters. */
  private static String quoted(String s) {
    StringBuilder sb = new StringBuilder("'");
    for (int i = 0; i < s.length() && i < 40; i++) {
      char c = s.charAt(i);
      sb.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    if (s.length() > 40) {
      sb.append("...");
    }
    return sb.append('\'').toString();
  }
}
