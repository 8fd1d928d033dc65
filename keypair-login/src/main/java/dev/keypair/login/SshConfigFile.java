package dev.keypair.login;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.formats.KeyFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Adds or updates one {@code Host ALIAS} block of an OpenSSH client config ({@code ~/.ssh/config}) with
 * {@code HostName}, {@code Port}, {@code User}, {@code IdentityFile} and {@code IdentitiesOnly yes}, leaving every
 * other byte as it was: comments, blank lines, global options, other {@code Host} and {@code Match} blocks,
 * {@code Include} lines, indentation, keyword case, {@code =} or space syntax, and CRLF line ends.
 *
 * <p>The file is read as ssh_config(5) reads it: keywords are case-insensitive; a {@code Host} or {@code Match}
 * line starts a block that ends at the next one (an {@code Include} inside a block belongs to it); arguments are
 * split on white space, with double or single quotes, and an unquoted {@code #} ends them.
 *
 * <ul>
 *   <li><b>Ours</b> is the first {@code Host} block whose pattern list is exactly the alias (compared without
 *       case, as ssh does). A block such as {@code Host web db} or {@code Host *} also applies to the alias but is
 *       not ours: it is left as it was and named in {@link Edit#notes()}.</li>
 *   <li><b>Updating</b> rewrites the value of the first line of each of our keywords in the block when it differs
 *       (keeping that line's indentation, keyword spelling and separator) and inserts the missing ones right after
 *       the {@code Host} line, so that they come before an {@code Include} of the block. Other options of the block,
 *       and later lines repeating our keywords, stay. Without a port, an existing {@code Port} line stays.</li>
 *   <li><b>Adding</b>: ssh takes the first value it meets for each option, so a new block goes before the first
 *       block that could apply to the alias (a {@code Match} block, or a {@code Host} block with a matching pattern
 *       such as {@code Host *}), together with the comment lines right above that block; with none, at the end. It
 *       copies the file's style: indentation of its first indented option, the separator of its first option
 *       (not a {@code Host} or {@code Match} line) if that has an {@code =}, lower-case keywords if all of the
 *       file's are, its first line end.</li>
 *   <li>Options that still come first are reported, not moved: global options above the first block and blocks
 *       before ours that apply to the alias ({@link Edit#notes()}).</li>
 * </ul>
 *
 * <p>{@link #write} replaces the file atomically ({@link KeyFiles#writeWithMode}: temporary file, fsync, rename)
 * keeping its mode; a new file is created {@code 0600}, and a missing parent folder {@code 0700}. A config that is
 * a symbolic link (dotfiles kept in a repository) is written through: the file it points to is replaced and the
 * link stays. An edit that changes nothing writes nothing, so running it twice gives the same bytes.
 */
public final class SshConfigFile {

  /** ssh_config value errors: an alias, host name, user, port or identity path that cannot be written safely. */
  public static final ErrorCode INVALID_VALUE = ErrorCode.of("SshConfig.InvalidValue", ErrorCode.Category.INPUT);
  /** A config ssh itself would refuse where this edit has to read it (an unterminated quote in a Host line). */
  public static final ErrorCode FORMAT = ErrorCode.of("SshConfig.Format", ErrorCode.Category.INPUT);

  private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9_.][A-Za-z0-9_.-]{0,254}");
  private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9:][A-Za-z0-9_.:-]{0,254}");
  private static final Pattern USER = Pattern.compile("[A-Za-z0-9_.][A-Za-z0-9_.@-]{0,255}");
  private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> NEW_FOLDER = PosixFilePermissions.fromString("rwx------");
  private static final List<String> OURS = List.of("hostname", "port", "user", "identityfile", "identitiesonly");

  private SshConfigFile() {}

  /**
   * The block to write, validated: no value can carry white space, a quote, a line break or a pattern character
   * into the file.
   *
   * @param alias        the {@code Host} name: 1 to 255 of {@code [A-Za-z0-9_.-]}, not starting with {@code -}
   * @param hostName     a DNS name or an IP address: {@code [A-Za-z0-9_.:-]}, not starting with {@code -}
   * @param user         the login user: {@code [A-Za-z0-9_.@-]}, not starting with {@code -}
   * @param identityFile the private key's path, written as given ({@code ~} and {@code %} tokens are ssh's);
   *                     double-quoted when it has a space, a quote or a backslash; no control characters
   * @param port         1 to 65535, or empty to leave the port as it is
   */
  public record HostEntry(String alias, String hostName, String user, String identityFile, OptionalInt port) {
    /** @throws KeyPairException {@link #INVALID_VALUE} for a value that does not fit */
    public HostEntry {
      require(alias, ALIAS, "alias");
      require(hostName, HOST_NAME, "host name");
      require(user, USER, "user");
      Objects.requireNonNull(identityFile, "identityFile");
      Objects.requireNonNull(port, "port");
      if (identityFile.isEmpty() || identityFile.length() > 4096
          || identityFile.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
        throw new KeyPairException(INVALID_VALUE, "an identity file is a path of 1 to 4096 characters without "
            + "control characters or line breaks");
      }
      if (port.isPresent() && (port.getAsInt() < 1 || port.getAsInt() > 65535)) {
        throw new KeyPairException(INVALID_VALUE, "a port is 1 to 65535");
      }
    }

    private static void require(String value, Pattern pattern, String what) {
      Objects.requireNonNull(value, what);
      if (!pattern.matcher(value).matches()) {
        throw new KeyPairException(INVALID_VALUE, "an ssh config " + what + " is one word of at most 255 "
            + "letters, digits and " + (what.equals("user") ? "_ . - @" : what.equals("alias") ? "_ . -" : "_ . - :")
            + ", not starting with '-'");
      }
    }
  }

  /** What an edit did. */
  public enum Change {
    /** A new {@code Host} block was added. */
    ADDED,
    /** Our block existed and some of its lines were rewritten or added. */
    UPDATED,
    /** Our block already said all of it; nothing was written. */
    UNCHANGED
  }

  /**
   * An edited config.
   *
   * @param content the whole new file
   * @param change  what was done
   * @param line    the 1-based line of our {@code Host} line in {@code content}
   * @param notes   options or blocks that also apply to the alias and were left as they were, one sentence each
   */
  public record Edit(byte[] content, Change change, int line, List<String> notes) {
    public Edit {
      Objects.requireNonNull(content, "content");
      Objects.requireNonNull(change, "change");
      notes = List.copyOf(notes);
    }
  }

  /** {@code ~/.ssh/config} of the user running this JVM. */
  public static Path defaultConfig() {
    return Path.of(System.getProperty("user.home"), ".ssh", "config");
  }

  /**
   * Edits {@code file} (created if missing) and writes it back if anything changed; see the class comment.
   *
   * @throws KeyPairException {@link ErrorCode#INPUT_TOO_LARGE} for a file over {@link KeyPairLimits#maxInputBytes()},
   *                          {@link #FORMAT} for a Host line ssh would refuse
   * @throws IOException      if the file cannot be read or written
   */
  public static Edit write(Path file, HostEntry entry, KeyPairLimits limits) throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(limits, "limits");
    byte[] old;
    boolean exists;
    try {
      old = KeyFiles.readRegular(file, limits);
      exists = true;
    } catch (NoSuchFileException e) {
      old = new byte[0];
      exists = false;
    }
    Edit edit = edit(old, entry);
    if (edit.change() == Change.UNCHANGED) {
      return edit;
    }
    Set<PosixFilePermission> mode = NEW_FILE;
    if (exists) {
      PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
      if (view != null) {
        mode = view.readAttributes().permissions();
      }
    } else {
      createFolder(file.toAbsolutePath().getParent());
    }
    KeyFiles.writeWithMode(file, edit.content(), KeyFiles.WriteOptions.safe().withReplaceExisting(exists)
        .withFollowSymlinks(true), mode);
    return edit;
  }

  private static void createFolder(Path dir) throws IOException {
    if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(dir)) {
      return;
    }
    if (Files.getFileAttributeView(dir.getParent(), PosixFileAttributeView.class) != null) {
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(NEW_FOLDER));
    } else {
      Files.createDirectory(dir);
    }
  }

  /** The edit of {@code config}'s bytes, without touching any file; see the class comment. */
  public static Edit edit(byte[] config, HostEntry entry) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(entry, "entry");
    return new Editor(Line.split(new String(config, StandardCharsets.ISO_8859_1)), entry).run();
  }

  /** One line: its text without the line end, and the line end ("" for a last line without one). */
  private record Line(String text, String eol) {

    static List<Line> split(String s) {
      List<Line> lines = new ArrayList<>();
      int start = 0;
      while (start < s.length()) {
        int nl = s.indexOf('\n', start);
        if (nl < 0) {
          lines.add(new Line(s.substring(start), ""));
          break;
        }
        int end = nl > start && s.charAt(nl - 1) == '\r' ? nl - 1 : nl;
        lines.add(new Line(s.substring(start, end), s.substring(end, nl + 1)));
        start = nl + 1;
      }
      return lines;
    }

    String indent() {
      int i = 0;
      while (i < text.length() && isBlank(text.charAt(i))) {
        i++;
      }
      return text.substring(0, i);
    }

    /** The keyword as written, or null for a blank or comment line. */
    String keyword() {
      int i = indent().length();
      if (i == text.length() || text.charAt(i) == '#') {
        return null;
      }
      int j = i;
      while (j < text.length() && !isBlank(text.charAt(j)) && text.charAt(j) != '=') {
        j++;
      }
      return j == i ? null : text.substring(i, j);
    }

    String key() {
      String k = keyword();
      return k == null ? null : k.toLowerCase(Locale.ROOT);
    }

    /** White space, at most one {@code =}, white space: what separates the keyword from its arguments. */
    String separator() {
      int i = indent().length() + keyword().length();
      int j = i;
      while (j < text.length() && isBlank(text.charAt(j))) {
        j++;
      }
      if (j < text.length() && text.charAt(j) == '=') {
        j++;
        while (j < text.length() && isBlank(text.charAt(j))) {
          j++;
        }
      }
      return text.substring(i, j);
    }

    /**
     * {@link #separator()}, or {@code fallback} where this line has none to copy (a keyword without arguments):
     * a value written after this line's keyword must never run into it.
     */
    String separatorOr(String fallback) {
      String s = separator();
      return s.isEmpty() ? fallback : s;
    }

    /** The arguments, unquoted; null for an unterminated quote. */
    List<String> arguments() {
      String s = text.substring(indent().length() + keyword().length() + separator().length());
      List<String> args = new ArrayList<>();
      StringBuilder arg = new StringBuilder();
      boolean inArg = false;
      char quote = 0;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (quote == 0 && isBlank(c)) {
          if (inArg) {
            args.add(arg.toString());
            arg.setLength(0);
            inArg = false;
          }
          continue;
        }
        if (quote == 0 && !inArg && c == '#') {
          break;
        }
        inArg = true;
        if (c == '\\' && i + 1 < s.length() && "\\\"' ".indexOf(s.charAt(i + 1)) >= 0
            && (quote == 0 || s.charAt(i + 1) != ' ')) {
          arg.append(s.charAt(++i));
        } else if (quote == 0 && (c == '"' || c == '\'')) {
          quote = c;
        } else if (quote != 0 && c == quote) {
          quote = 0;
        } else {
          arg.append(c);
        }
      }
      if (quote != 0) {
        return null;
      }
      if (inArg) {
        args.add(arg.toString());
      }
      return args;
    }

    boolean isBlock() {
      String k = key();
      return "host".equals(k) || "match".equals(k);
    }

    boolean isBlankLine() {
      return text.isBlank();
    }

    boolean isComment() {
      return !isBlankLine() && keyword() == null;
    }

    private static boolean isBlank(char c) {
      return c == ' ' || c == '\t';
    }
  }

  private static final class Editor {
    private final List<Line> lines;
    private final HostEntry entry;
    private final String eol;
    private final String indent;
    private final String separator;
    private final boolean lowerCase;
    private final List<String> notes = new ArrayList<>();

    Editor(List<Line> lines, HostEntry entry) {
      this.lines = new ArrayList<>(lines);
      this.entry = entry;
      this.eol = lines.stream().map(Line::eol).filter(e -> !e.isEmpty()).findFirst().orElse("\n");
      this.indent = lines.stream().filter(l -> l.keyword() != null && !l.isBlock() && !l.indent().isEmpty())
          .map(Line::indent).findFirst().orElse("    ");
      this.separator = lines.stream().filter(l -> l.keyword() != null && !l.isBlock()).map(Line::separator)
          .findFirst().filter(s -> s.contains("=")).orElse(" ");
      List<String> keywords = lines.stream().map(Line::keyword).filter(Objects::nonNull).toList();
      this.lowerCase = !keywords.isEmpty() && keywords.stream().allMatch(k -> k.equals(k.toLowerCase(Locale.ROOT)));
    }

    Edit run() {
      byte[] before = bytes();
      int ours = -1;
      for (int i = 0; i < lines.size(); i++) {
        if ("host".equals(lines.get(i).key())) {
          List<String> patterns = patterns(i);
          if (patterns.size() == 1 && patterns.get(0).equalsIgnoreCase(entry.alias())) {
            ours = i;
            break;
          }
        }
      }
      Change change;
      if (ours >= 0) {
        update(ours);
        byte[] after = bytes();
        change = Arrays.equals(before, after) ? Change.UNCHANGED : Change.UPDATED;
      } else {
        ours = add();
        change = Change.ADDED;
      }
      note(ours);
      return new Edit(change == Change.UNCHANGED ? before : bytes(), change, ours + 1, notes);
    }

    private List<String> patterns(int i) {
      List<String> p = lines.get(i).arguments();
      if (p == null) {
        throw new KeyPairException(FORMAT, "line " + (i + 1) + " of the ssh config has an unterminated quote");
      }
      return p;
    }

    private int blockEnd(int start) {
      int i = start + 1;
      while (i < lines.size() && !lines.get(i).isBlock()) {
        i++;
      }
      return i;
    }

    private void update(int host) {
      List<String> missing = new ArrayList<>();
      int end = blockEnd(host);
      for (String key : OURS) {
        String value = value(key);
        if (value == null) {
          continue;
        }
        int found = -1;
        for (int i = host + 1; i < end && found < 0; i++) {
          if (key.equals(lines.get(i).key())) {
            found = i;
          }
        }
        if (found < 0) {
          missing.add(key);
          continue;
        }
        Line l = lines.get(found);
        List<String> args = l.arguments();
        boolean same = args != null && args.size() == 1 && (key.equals("identitiesonly")
            ? args.get(0).equalsIgnoreCase(value) : args.get(0).equals(value));
        if (!same) {
          lines.set(found, new Line(l.indent() + l.keyword() + l.separatorOr(separator) + written(key, value),
              l.eol()));
        }
      }
      String blockIndent = indent;
      String blockSeparator = separator;
      for (int i = host + 1; i < end; i++) {
        Line l = lines.get(i);
        if (l.keyword() != null) {
          blockIndent = l.indent();
          blockSeparator = l.separatorOr(separator);
          break;
        }
      }
      if (lines.get(host).eol().isEmpty() && !missing.isEmpty()) {
        lines.set(host, new Line(lines.get(host).text(), eol));
      }
      int at = host + 1;
      for (String key : missing) {
        lines.add(at++, option(blockIndent, key, blockSeparator));
      }
    }

    /** Inserts a new block; returns the index of its Host line. */
    private int add() {
      int first = -1;
      for (int i = 0; i < lines.size() && first < 0; i++) {
        if ("match".equals(lines.get(i).key()) || "host".equals(lines.get(i).key()) && matches(patterns(i))) {
          first = i;
        }
      }
      List<Line> block = new ArrayList<>();
      block.add(new Line(keyword("Host") + separator + entry.alias(), eol));
      for (String key : OURS) {
        if (value(key) != null) {
          block.add(option(indent, key, separator));
        }
      }
      int at;
      if (first >= 0) {
        at = first;
        while (at > 0 && lines.get(at - 1).isComment()) {
          at--;
        }
        block.add(new Line("", eol));
      } else {
        at = lines.size();
        if (at > 0 && lines.get(at - 1).eol().isEmpty()) {
          lines.set(at - 1, new Line(lines.get(at - 1).text(), eol));
        }
      }
      boolean blankBefore = at > 0 && !lines.get(at - 1).isBlankLine();
      if (blankBefore) {
        block.add(0, new Line("", eol));
      }
      lines.addAll(at, block);
      return blankBefore ? at + 1 : at;
    }

    /** Notes what else applies to the alias: global options and blocks before ours win, later blocks do not. */
    private void note(int ours) {
      boolean inBlock = false;
      for (int i = 0; i < lines.size(); i++) {
        Line l = lines.get(i);
        String key = l.key();
        if (i == ours || key == null) {
          inBlock |= i == ours;
          continue;
        }
        if (!inBlock && !l.isBlock() && OURS.contains(key)) {
          notes.add("line " + (i + 1) + ": '" + l.text().strip() + "' is a global option before every block; "
              + "ssh takes it instead of this block's " + l.keyword());
        } else if (l.isBlock()) {
          inBlock = true;
          boolean applies = "match".equals(key) || matches(patterns(i));
          if (applies) {
            notes.add("line " + (i + 1) + ": '" + l.text().strip() + "' also "
                + ("match".equals(key) ? "may apply" : "applies") + " to " + entry.alias()
                + (i < ours ? " and comes first: the options it sets win over this block's"
                    : "; left as it was (this block's options come first)"));
          }
        }
      }
    }

    private String value(String key) {
      return switch (key) {
        case "hostname" -> entry.hostName();
        case "port" -> entry.port().isPresent() ? Integer.toString(entry.port().getAsInt()) : null;
        case "user" -> entry.user();
        case "identityfile" -> entry.identityFile();
        default -> "yes";
      };
    }

    private Line option(String indentation, String key, String sep) {
      String name = switch (key) {
        case "hostname" -> "HostName";
        case "port" -> "Port";
        case "user" -> "User";
        case "identityfile" -> "IdentityFile";
        default -> "IdentitiesOnly";
      };
      return new Line(indentation + keyword(name) + sep + written(key, value(key)), eol);
    }

    private String keyword(String name) {
      return lowerCase ? name.toLowerCase(Locale.ROOT) : name;
    }

    /** A value as it goes into the file: the identity path quoted if it must be, as UTF-8 bytes. */
    private static String written(String key, String value) {
      String v = value;
      if (key.equals("identityfile") && (v.matches(".*[ \t\"'\\\\].*") || v.startsWith("#"))) {
        v = "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
      }
      return new String(v.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** Whether a Host pattern list applies to the alias, as ssh matches it: no negation matches, a pattern does. */
    private boolean matches(List<String> patterns) {
      String host = entry.alias().toLowerCase(Locale.ROOT);
      boolean any = false;
      for (String p : patterns) {
        boolean negated = p.startsWith("!");
        if (glob(host, (negated ? p.substring(1) : p).toLowerCase(Locale.ROOT))) {
          if (negated) {
            return false;
          }
          any = true;
        }
      }
      return any;
    }

    /** {@code *} any run, {@code ?} any one character; backtracks only to the last star, so it is linear-ish. */
    private static boolean glob(String s, String p) {
      int si = 0;
      int pi = 0;
      int sStar = -1;
      int pStar = -1;
      while (si < s.length()) {
        if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == s.charAt(si))) {
          si++;
          pi++;
        } else if (pi < p.length() && p.charAt(pi) == '*') {
          pStar = pi++;
          sStar = si;
        } else if (pStar >= 0) {
          pi = pStar + 1;
          si = ++sStar;
        } else {
          return false;
        }
      }
      while (pi < p.length() && p.charAt(pi) == '*') {
        pi++;
      }
      return pi == p.length();
    }

    private byte[] bytes() {
      StringBuilder sb = new StringBuilder();
      for (Line l : lines) {
        sb.append(l.text()).append(l.eol());
      }
      return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
  }
}
