package dev.keypair.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What to list: a console's describe call. Every criterion given must hold (they are ANDed); no
 * criterion lists everything, a page at a time.
 *
 * <p>With {@link Builder#names} or {@link Builder#ids}, each one must exist, or the listing is refused
 * with the provider's not-found code (as AWS's {@code DescribeKeyPairs} does), and the result is one page.
 */
public final class KeyPairQuery {

  private final List<String> names;
  private final List<String> ids;
  private final String namePattern;
  private final String fingerprint;
  private final Map<String, String> tags;
  private final List<String> tagKeys;
  private final Integer pageSize;
  private final String pageToken;

  private KeyPairQuery(Builder b) {
    this.names = List.copyOf(b.names);
    this.ids = List.copyOf(b.ids);
    this.namePattern = b.namePattern;
    this.fingerprint = b.fingerprint;
    this.tags = java.util.Collections.unmodifiableMap(new TreeMap<>(b.tags));
    this.tagKeys = List.copyOf(b.tagKeys);
    this.pageSize = b.pageSize;
    this.pageToken = b.pageToken;
  }

  /** Everything, first page at the profile's default page size. */
  public static KeyPairQuery all() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Exact names, each of which must exist. */
  public List<String> names() {
    return names;
  }

  /** Exact ids, each of which must exist. */
  public List<String> ids() {
    return ids;
  }

  /** A name pattern, with {@code *} for any run of characters where the profile has wildcards. */
  public Optional<String> namePattern() {
    return Optional.ofNullable(namePattern);
  }

  /** A fingerprint in the provider's spelling (hex compared ignoring colons and case). */
  public Optional<String> fingerprint() {
    return Optional.ofNullable(fingerprint);
  }

  /** Tags that must be present with these values. */
  public Map<String, String> tags() {
    return tags;
  }

  /** Tag keys that must be present, with any value. */
  public List<String> tagKeys() {
    return tagKeys;
  }

  /** The page size asked for, if any. */
  public Optional<Integer> pageSize() {
    return Optional.ofNullable(pageSize);
  }

  /** The token of the page asked for, from an earlier page. */
  public Optional<String> pageToken() {
    return Optional.ofNullable(pageToken);
  }

  /** Builds a {@link KeyPairQuery}. */
  public static final class Builder {
    private final List<String> names = new ArrayList<>();
    private final List<String> ids = new ArrayList<>();
    private String namePattern;
    private String fingerprint;
    private final Map<String, String> tags = new TreeMap<>();
    private final List<String> tagKeys = new ArrayList<>();
    private Integer pageSize;
    private String pageToken;

    private Builder() {}

    public Builder names(String... names) {
      for (String n : names) {
        this.names.add(Objects.requireNonNull(n, "name"));
      }
      return this;
    }

    public Builder ids(String... ids) {
      for (String i : ids) {
        this.ids.add(Objects.requireNonNull(i, "id"));
      }
      return this;
    }

    public Builder namePattern(String pattern) {
      this.namePattern = Objects.requireNonNull(pattern, "pattern");
      return this;
    }

    public Builder fingerprint(String fingerprint) {
      this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
      return this;
    }

    public Builder tag(String key, String value) {
      this.tags.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    public Builder tagKey(String key) {
      this.tagKeys.add(Objects.requireNonNull(key, "key"));
      return this;
    }

    public Builder pageSize(int pageSize) {
      this.pageSize = pageSize;
      return this;
    }

    public Builder pageToken(String pageToken) {
      this.pageToken = Objects.requireNonNull(pageToken, "pageToken");
      return this;
    }

    public KeyPairQuery build() {
      return new KeyPairQuery(this);
    }
  }
}
