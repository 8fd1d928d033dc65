package dev.keypair.testkit;

import dev.keypair.store.NamingRule;
import dev.keypair.store.ProviderProfile;
import dev.keypair.store.ProviderProfiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Key-pair names a provider accepts, and names it refuses, read from the profile's {@link NamingRule}.
 *
 * <p>The rule is asked, character by character, which of a fixed repertoire it takes at the start, inside
 * and at the end of a name and in a name of one character. The repertoire is every printable ASCII
 * character, letters and digits from other scripts (Latin-1, Greek, Cyrillic, CJK, Arabic-Indic digits, a
 * title-case letter, a letter outside the Basic Multilingual Plane, a decomposed {@code e}+U+0301), a
 * no-break space, symbols (the euro sign, an emoji), and control and separator characters (tab, CR, LF,
 * NUL, DEL, NEL, U+2028, U+2029, a lone surrogate). So a custom profile's rule is read the same way as a
 * seeded one's.
 */
public final class KeyPairNames {

  /** The repertoire, simplest first in each group: names shrink towards the first group's first unit. */
  private static final List<List<String>> GROUPS = List.of(
      codePoints("abcdefghijklmnopqrstuvwxyz"),
      codePoints("ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
      codePoints("0123456789"),
      codePoints("-_:.@ !\"#$%&'()*+,/;<=>?[\\]^`{|}~"),
      List.of("é", "ß", "ñ", "Ж", "λ", "中", "日", "ǅ", "e\u0301", "\uD835\uDC9C"),
      List.of("\u0663", "\u00A0", "€", "·", "\uD83D\uDE00"));

  /** Characters no rule should take; refused names get them inside. */
  private static final List<String> CONTROLS = List.of("\t", "\n", "\r", "\u0000", "\u007f", "\u0085", "\u2028",
      "\u2029", "\uD800");

  private static final int WIDEST = GROUPS.stream().mapToInt(List::size).max().orElseThrow();

  private static final List<String> URL_PREFIXES = List.of("http://", "https://", "HTTP://", "hTTpS://");

  private static final Map<NamingRule, Alphabet> ALPHABETS = new ConcurrentHashMap<>();

  private KeyPairNames() {}

  /** The seeded provider profiles of {@link ProviderProfiles#all()}; shrinks towards the first (AWS EC2). */
  public static Arbitrary<ProviderProfile> profiles() {
    return Arbitraries.of(ProviderProfiles.all());
  }

  /**
   * Names {@code profile} accepts: every length from the rule's minimum to its maximum (both are
   * reached), built from every character the rule takes in each position (letters, digits, punctuation,
   * non-ASCII and decomposed characters where the rule takes them), each character class about equally
   * likely. Every name is checked against the rule, so none is invalid by accident. Shrinks
   * towards the shortest name of lower-case ASCII letters ({@code a}, {@code aa} for Alibaba).
   *
   * @throws IllegalArgumentException if the rule takes none of the repertoire at some position
   */
  public static Arbitrary<String> valid(ProviderProfile profile) {
    Objects.requireNonNull(profile, "profile");
    NamingRule rule = profile.naming();
    Alphabet a = alphabet(rule);
    return a.names(rule.minLength(), rule.maxLength()).filter(rule::accepts);
  }

  /**
   * Names {@code profile} refuses, each for one reason its rule has: empty; one character too long;
   * one too short (where the minimum is over 1); a character the rule takes nowhere (a control or line
   * separator always, non-ASCII or punctuation where the rule says so) inserted into a valid name; a
   * first or last character the rule takes only elsewhere (a digit or {@code _} first for Alibaba, a
   * space first or last for AWS); a URL prefix ({@code http://}, {@code https://}, any case) where the
   * rule refuses it. Every name is checked to be refused. Shrinks towards the empty name.
   */
  public static Arbitrary<String> invalid(ProviderProfile profile) {
    Objects.requireNonNull(profile, "profile");
    NamingRule rule = profile.naming();
    Alphabet a = alphabet(rule);
    List<Arbitrary<String>> reasons = new ArrayList<>();
    reasons.add(Arbitraries.just(""));
    reasons.add(a.names(rule.maxLength() + 1, rule.maxLength() + 1));
    if (rule.minLength() > 1) {
      reasons.add(a.names(rule.minLength() - 1, rule.minLength() - 1));
    }
    // a valid length less one, for names that get one more character
    int from = Math.max(1, rule.minLength() - 1);
    if (from <= rule.maxLength() - 1) {
      reasons.add(Combinators.combine(a.names(from, rule.maxLength() - 1), Arbitraries.of(a.nowhere),
          Arbitraries.integers().between(0, rule.maxLength())).as((name, bad, at) -> insert(name, at, bad)));
    }
    if (!a.notFirst.isEmpty() && from <= rule.maxLength() - 1) {
      reasons.add(Combinators.combine(Arbitraries.of(a.notFirst), a.names(from, rule.maxLength() - 1))
          .as(String::concat));
    }
    if (!a.notLast.isEmpty() && from <= rule.maxLength() - 1) {
      reasons.add(Combinators.combine(a.names(from, rule.maxLength() - 1), Arbitraries.of(a.notLast))
          .as(String::concat));
    }
    List<String> refusedPrefixes = URL_PREFIXES.stream()
        .filter(p -> !rule.accepts(p + a.filler.repeat(Math.max(1, rule.minLength()))))
        .filter(p -> p.length() < rule.maxLength()).toList();
    if (!refusedPrefixes.isEmpty()) {
      reasons.add(Combinators.combine(Arbitraries.of(refusedPrefixes),
              Arbitraries.integers().between(1, Math.max(1, rule.maxLength() - 8)))
          .as((p, n) -> p + a.filler.repeat(n)));
    }
    return Arbitraries.oneOf(reasons).filter(n -> !rule.accepts(n));
  }

  private static String insert(String name, int at, String unit) {
    int index = name.offsetByCodePoints(0, Math.min(at, name.codePointCount(0, name.length())));
    return name.substring(0, index) + unit + name.substring(index);
  }

  private static Alphabet alphabet(NamingRule rule) {
    return ALPHABETS.computeIfAbsent(rule, Alphabet::new);
  }

  private static List<String> codePoints(String s) {
    return s.codePoints().mapToObj(Character::toString).collect(Collectors.toUnmodifiableList());
  }

  /** What one rule takes, position by position, from the repertoire. */
  private static final class Alphabet {
    final String filler;
    final List<List<String>> single = new ArrayList<>();
    final List<List<String>> first = new ArrayList<>();
    final List<List<String>> middle = new ArrayList<>();
    final List<List<String>> last = new ArrayList<>();
    final List<String> nowhere = new ArrayList<>(CONTROLS);
    final List<String> notFirst = new ArrayList<>();
    final List<String> notLast = new ArrayList<>();

    Alphabet(NamingRule rule) {
      int probe = Math.max(rule.minLength(), Math.min(3, rule.maxLength()));
      this.filler = GROUPS.stream().flatMap(List::stream).filter(u -> rule.accepts(u.repeat(probe))).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("the naming rule takes no name of one repeated character"));
      String pad = filler.repeat(Math.max(0, probe - 1));
      for (List<String> group : GROUPS) {
        List<String> s = new ArrayList<>();
        List<String> f = new ArrayList<>();
        List<String> m = new ArrayList<>();
        List<String> l = new ArrayList<>();
        for (String u : group) {
          boolean atSingle = rule.minLength() == 1 && rule.accepts(u);
          boolean atFirst = probe >= 2 && rule.accepts(u + pad);
          boolean atLast = probe >= 2 && rule.accepts(pad + u);
          boolean inside = probe >= 3 && rule.accepts(filler + u + filler.repeat(probe - 2));
          add(s, atSingle, u);
          add(f, atFirst, u);
          add(m, inside, u);
          add(l, atLast, u);
          if (!atSingle && !atFirst && !atLast && !inside) {
            nowhere.add(u);
          }
          if (!atFirst && (inside || atLast)) {
            notFirst.add(u);
          }
          if (!atLast && (inside || atFirst)) {
            notLast.add(u);
          }
        }
        addGroup(single, s);
        addGroup(first, f);
        addGroup(middle, m);
        addGroup(last, l);
      }
    }

    private static void add(List<String> to, boolean when, String unit) {
      if (when) {
        to.add(unit);
      }
    }

    private static void addGroup(List<List<String>> to, List<String> group) {
      if (!group.isEmpty()) {
        to.add(List.copyOf(group));
      }
    }

    /**
     * Names of {@code min} to {@code max} characters (not checked against the rule): a list of slots, each
     * a group index and a unit index, spelled with the units the slot's position takes (the first, a middle
     * one, the last, or the only one). Each group is about equally likely. Shrinking drops slots and moves
     * each towards the first unit of the first group; no flatMap, so shrinking a long name stays fast.
     */
    Arbitrary<String> names(int min, int max) {
      for (List<List<String>> position : max == 1 ? List.of(single.isEmpty() ? first : single)
          : max == 2 ? List.of(first, last) : List.of(first, middle, last)) {
        if (position.isEmpty()) {
          throw new IllegalArgumentException("the naming rule takes no character of keypair's repertoire somewhere");
        }
      }
      Arbitrary<int[]> slot = Combinators.combine(Arbitraries.integers().between(0, GROUPS.size() - 1),
          Arbitraries.integers().between(0, WIDEST - 1)).as((g, u) -> new int[] {g, u});
      return slot.list().ofMinSize(min).ofMaxSize(max).map(this::spell);
    }

    private String spell(List<int[]> slots) {
      StringBuilder name = new StringBuilder();
      int n = slots.size();
      for (int i = 0; i < n; i++) {
        List<List<String>> groups = n == 1 ? (single.isEmpty() ? first : single)
            : i == 0 ? first : i == n - 1 ? last : middle;
        List<String> group = groups.get(slots.get(i)[0] % groups.size());
        name.append(group.get(slots.get(i)[1] % group.size()));
      }
      return name.toString();
    }
  }
}
