package dev.keypair.store;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * A provider's rule for key-pair names: which names it accepts, and when two names are the same.
 *
 * <p>Names are compared by their {@link #uniquenessKey}: the name in Unicode NFC (so a precomposed and a
 * decomposed {@code é} are one name), lower-cased (in {@link Locale#ROOT}) when the rule is case-insensitive.
 * The rule's checks (length, characters) apply to that NFC form too. The name itself is kept and shown as
 * given. No rule accepts control characters, so a name is always one printable line.
 *
 * <p>The factories are the rules of ../shared/PROVIDERS.md; {@link #builder()} makes others.
 */
public final class NamingRule {

  private static final List<String> URL_PREFIXES = List.of("http://", "https://");

  private final int minLength;
  private final int maxLength;
  private final boolean asciiOnly;
  private final IntPredicate first;
  private final String firstDescription;
  private final IntPredicate allowed;
  private final String allowedDescription;
  private final boolean noUrlPrefix;
  private final boolean noOuterSpace;
  private final boolean caseSensitive;

  private NamingRule(Builder b) {
    this.minLength = b.minLength;
    this.maxLength = b.maxLength;
    this.asciiOnly = b.asciiOnly;
    this.first = b.first;
    this.firstDescription = b.firstDescription;
    this.allowed = b.allowed;
    this.allowedDescription = b.allowedDescription;
    this.noUrlPrefix = b.noUrlPrefix;
    this.noOuterSpace = b.noOuterSpace;
    this.caseSensitive = b.caseSensitive;
  }

  /**
   * AWS EC2: 1 to 255 ASCII characters, no leading or trailing space (the console's rule). Names are
   * case-sensitive by default; the documentation does not say [?], so it is a parameter.
   */
  public static NamingRule awsEc2(boolean caseSensitive) {
    return builder().length(1, 255).asciiOnly().noOuterSpace().caseSensitive(caseSensitive).build();
  }

  /**
   * Alibaba Cloud ECS: 2 to 128 characters, starting with a letter, then letters, digits, {@code :},
   * {@code _} and {@code -}, not starting with {@code http://} or {@code https://}. Letters are Unicode
   * letters (the Chinese documentation allows Chinese characters). Some documents also allow {@code .} [?]:
   * {@code allowDot}, off by default.
   */
  public static NamingRule alibabaEcs(boolean allowDot) {
    return builder().length(2, 128).firstLetter()
        .allowed(c -> Character.isLetterOrDigit(c) || c == ':' || c == '_' || c == '-' || (allowDot && c == '.'),
            allowDot ? "letters, digits, ':', '_', '-' and '.'" : "letters, digits, ':', '_' and '-'")
        .noUrlPrefix().build();
  }

  /** Alibaba Cloud Simple Application Server: as ECS, 2 to 64 characters. */
  public static NamingRule alibabaSwas() {
    return builder().length(2, 64).firstLetter()
        .allowed(c -> Character.isLetterOrDigit(c) || c == ':' || c == '_' || c == '-',
            "letters, digits, ':', '_' and '-'")
        .noUrlPrefix().build();
  }

  /**
   * OpenStack Nova: 1 to 255 of {@code [_\- a-zA-Z0-9]}; from API microversion 2.92 also {@code @} and
   * {@code .} ({@code microversion292}).
   */
  public static NamingRule openstackNova(boolean microversion292) {
    return builder().length(1, 255).asciiOnly()
        .allowed(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                || c == '-' || c == ' ' || (microversion292 && (c == '@' || c == '.')),
            microversion292 ? "ASCII letters, digits, '_', '-', ' ', '@' and '.'" : "ASCII letters, digits, '_', '-' and ' '")
        .build();
  }

  /** Free text of 1 to {@code maxLength} characters (DigitalOcean, Hetzner), still one printable line. */
  public static NamingRule freeText(int maxLength) {
    return builder().length(1, maxLength).build();
  }

  /** A rule of your own; by default 1 to 255 printable characters, case-sensitive. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Why {@code name} is not a valid name under this rule, or empty if it is. The rule is applied to the
   * name in NFC, the form names are compared in, so that both spellings of one name are valid or neither
   * is (a decomposed {@code e}+U+0301 is an accented letter, as the precomposed {@code é} is).
   */
  public Optional<String> violation(String name) {
    if (name == null) {
      return Optional.of("a name is required");
    }
    name = Normalizer.normalize(name, Normalizer.Form.NFC);
    int length = name.codePointCount(0, name.length());
    if (length < minLength || length > maxLength) {
      return Optional.of("the name must be " + minLength + " to " + maxLength + " characters long, not " + length);
    }
    for (int i = 0; i < name.length(); ) {
      int c = name.codePointAt(i);
      if (Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
          || Character.getType(c) == Character.PARAGRAPH_SEPARATOR || Character.getType(c) == Character.SURROGATE) {
        return Optional.of("the name holds a control character at position " + (i + 1));
      }
      if (asciiOnly && c > 0x7e) {
        return Optional.of("the name must be ASCII; position " + (i + 1) + " is not");
      }
      if (i == 0 && first != null && !first.test(c)) {
        return Optional.of("the name must start with " + firstDescription);
      }
      if (allowed != null && !allowed.test(c)) {
        return Optional.of("the name may hold only " + allowedDescription + "; position " + (i + 1) + " is not one");
      }
      i += Character.charCount(c);
    }
    if (noOuterSpace && (name.startsWith(" ") || name.endsWith(" "))) {
      return Optional.of("the name must not start or end with a space");
    }
    if (noUrlPrefix) {
      String lower = name.toLowerCase(Locale.ROOT);
      for (String p : URL_PREFIXES) {
        if (lower.startsWith(p)) {
          return Optional.of("the name must not start with " + p);
        }
      }
    }
    return Optional.empty();
  }

  /** Whether the rule accepts {@code name}. */
  public boolean accepts(String name) {
    return violation(name).isEmpty();
  }

  /** The form in which names are compared: NFC, and lower case when the rule is case-insensitive. */
  public String uniquenessKey(String name) {
    Objects.requireNonNull(name, "name");
    String nfc = Normalizer.normalize(name, Normalizer.Form.NFC);
    return caseSensitive ? nfc : nfc.toLowerCase(Locale.ROOT);
  }

  /** Whether names differing only in case are different names. */
  public boolean caseSensitive() {
    return caseSensitive;
  }

  /** Fewest characters (code points) in a name. */
  public int minLength() {
    return minLength;
  }

  /** Most characters (code points) in a name. */
  public int maxLength() {
    return maxLength;
  }

  /** Builds a {@link NamingRule}. */
  public static final class Builder {
    private int minLength = 1;
    private int maxLength = 255;
    private boolean asciiOnly;
    private IntPredicate first;
    private String firstDescription;
    private IntPredicate allowed;
    private String allowedDescription;
    private boolean noUrlPrefix;
    private boolean noOuterSpace;
    private boolean caseSensitive = true;

    private Builder() {}

    /** Names have {@code min} to {@code max} characters (code points). */
    public Builder length(int min, int max) {
      if (min < 1 || max < min || max > 1024) {
        throw new IllegalArgumentException("need 1 <= min <= max <= 1024");
      }
      this.minLength = min;
      this.maxLength = max;
      return this;
    }

    /** Only ASCII characters. */
    public Builder asciiOnly() {
      this.asciiOnly = true;
      return this;
    }

    /** The first character is a letter. */
    public Builder firstLetter() {
      this.first = Character::isLetter;
      this.firstDescription = "a letter";
      return this;
    }

    /** Every character passes {@code allowed}, described as {@code description} in refusals. */
    public Builder allowed(IntPredicate allowed, String description) {
      this.allowed = Objects.requireNonNull(allowed, "allowed");
      this.allowedDescription = Objects.requireNonNull(description, "description");
      return this;
    }

    /** No {@code http://} or {@code https://} at the start, in any case. */
    public Builder noUrlPrefix() {
      this.noUrlPrefix = true;
      return this;
    }

    /** No space at the start or the end. */
    public Builder noOuterSpace() {
      this.noOuterSpace = true;
      return this;
    }

    /** Whether names differing only in case are different (default true). */
    public Builder caseSensitive(boolean caseSensitive) {
      this.caseSensitive = caseSensitive;
      return this;
    }

    public NamingRule build() {
      return new NamingRule(this);
    }
  }
}
