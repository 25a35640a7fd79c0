package dev.runbooks.workflows.internal;

import dev.runbooks.language.model.Step;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Where the interpreter is on the run's main line: one {@link Level} per step list it is inside,
 * outermost first. A checkpoint copies it; an execution that continues a run re-enters it frame by
 * frame ({@link #resumeAt}, {@link #resumedProgress}): each step list starts at its frame's step,
 * and the step in progress there picks up its progress instead of starting again.
 *
 * <p>Inside a parallel step, a foreach running items concurrently or an onFailure handler the
 * position is not tracked ({@link #unsafe}): no checkpoint is taken there.
 */
final class Position {
  /** One step list being run: its current step, jumps so far and the current step's progress. */
  static final class Level {
    final String head;
    final List<Step> steps;
    final boolean tracked;
    int index;
    int jumps;
    Checkpoint.Progress progress;

    /** What the current step is doing that a checkpoint must copy (set by foreach). */
    java.util.function.Supplier<Checkpoint.Progress> live;

    Level(List<Step> steps, boolean tracked) {
      this.head = steps.isEmpty() ? "" : steps.get(0).id();
      this.steps = steps;
      this.tracked = tracked;
    }

    Checkpoint.Frame frame() {
      String stepId = index < steps.size() ? steps.get(index).id() : null;
      Checkpoint.Progress p = live != null ? live.get() : progress;
      return new Checkpoint.Frame(head, index, jumps, stepId, p);
    }
  }

  private final List<Level> levels = new ArrayList<>();
  private final Deque<Checkpoint.Frame> resume;
  private int unsafe;

  Position(List<Checkpoint.Frame> resume) {
    this.resume = new ArrayDeque<>(resume == null ? List.of() : resume);
  }

  /** Enters a step list: where it starts (0, or its frame's step when the run resumes there). */
  Level enter(List<Step> steps) {
    Level level = new Level(steps, unsafe == 0);
    if (!level.tracked) {
      return level;
    }
    levels.add(level);
    Checkpoint.Frame frame = resume.peekFirst();
    if (frame != null && frame.head().equals(level.head)) {
      level.index = frame.index();
      level.jumps = frame.jumps();
      if (frame.progress() == null) {
        resume.removeFirst();
      }
    }
    return level;
  }

  /** Leaves a step list. */
  void exit(Level level) {
    if (level.tracked && !levels.isEmpty() && levels.get(levels.size() - 1) == level) {
      levels.remove(levels.size() - 1);
    }
  }

  /** Whether this step is the one in progress where the run resumes (peeked, not taken). */
  boolean resumes(String stepId) {
    Checkpoint.Frame frame = resume.peekFirst();
    return frame != null && frame.progress() != null && stepId.equals(frame.stepId());
  }

  /** The progress of a step the run resumes in, taken off the cursor; null for any other step. */
  Checkpoint.Progress resumedProgress(String stepId) {
    if (!resumes(stepId)) {
      return null;
    }
    return resume.removeFirst().progress();
  }

  /** The innermost tracked level: the step list whose step is running on the main line. */
  Level current() {
    return levels.isEmpty() ? null : levels.get(levels.size() - 1);
  }

  /** Marks the start of a region where no checkpoint may be taken (returns the depth before). */
  int enterUnsafe() {
    return unsafe++;
  }

  /** Marks the end of such a region. */
  void exitUnsafe() {
    unsafe--;
  }

  /**
   * Whether checkpoints may be taken: not inside a parallel step, concurrent foreach or handler.
   */
  boolean safe() {
    return unsafe == 0;
  }

  /** The frames of the main line, outermost first. */
  List<Checkpoint.Frame> frames() {
    List<Checkpoint.Frame> out = new ArrayList<>();
    levels.forEach(l -> out.add(l.frame()));
    return out;
  }
}
