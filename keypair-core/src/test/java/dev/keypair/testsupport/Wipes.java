package dev.keypair.testsupport;

import dev.keypair.core.internal.Wipe;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Observes what an action wipes through {@link Wipe} (the production code's test hook), then uninstalls. */
public final class Wipes {

  /** Code under observation; may throw. */
  public interface Action {
    void run() throws Exception;
  }

  /** One wiped buffer, its tag, and the thread that wiped it. */
  public record Seen(String tag, Object buffer, Thread thread) {}

  /** What was wiped, in the order the observer saw it (wipes from other threads interleave). */
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
   * Runs {@code action} with an observer installed and returns what it wiped, on any thread, while the
   * observer was installed (code that wipes on worker threads, such as bcrypt_pbkdf's blocks, must
   * have finished before the action returns for its wipes to count); the observer is removed even if
   * the action throws, and the action's exception propagates.
   */
  public static Observed during(Action action) {
    List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
    Wipe.setObserverForTests((tag, buffer) -> seen.add(new Seen(tag, buffer, Thread.currentThread())));
    try {
      action.run();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      Wipe.setObserverForTests(null);
    }
    synchronized (seen) {
      return new Observed(List.copyOf(seen));
    }
  }
}
