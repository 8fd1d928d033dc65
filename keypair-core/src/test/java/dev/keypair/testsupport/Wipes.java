package dev.keypair.testsupport;

import dev.keypair.core.internal.Wipe;
import java.util.ArrayList;
import java.util.List;

/** Observes what an action wipes through {@link Wipe} (the production code's test hook), then uninstalls. */
public final class Wipes {

  /** Code under observation; may throw. */
  public interface Action {
    void run() throws Exception;
  }

  /** One wiped buffer and its tag. */
  public record Seen(String tag, Object buffer) {}

  /** What was wiped, in order. */
  public record Observed(List<Seen> seen) {
    public List<String> tags() {
      return seen.stream().map(Seen::tag).toList();
    }

    public List<Object> buffers() {
      return seen.stream().map(Seen::buffer).toList();
    }

    /** Whether every buffer seen is all zeros now. */
    public boolean allWiped() {
      return seen.stream().allMatch(s -> Wipe.isWiped(s.buffer()));
    }
  }

  private Wipes() {}

  /**
   * Runs {@code action} with an observer installed and returns what it wiped; the observer is removed
   * even if the action throws, and the action's exception propagates.
   */
  public static Observed during(Action action) {
    List<Seen> seen = new ArrayList<>();
    Wipe.setObserverForTests((tag, buffer) -> seen.add(new Seen(tag, buffer)));
    try {
      action.run();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      Wipe.setObserverForTests(null);
    }
    return new Observed(List.copyOf(seen));
  }
}
