package dev.runbooks.activities.internal;

import dev.runbooks.activities.StepEnvironment;
import dev.runbooks.activities.StepExecutor;
import dev.runbooks.language.steps.ActionKind;
import dev.runbooks.language.steps.ActionKinds;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one place step executors come to exist. For every action step type the language knows ({@link
 * ActionKinds}), it builds the executor of this package named after the type ({@code
 * circuitBreaker} is {@code CircuitBreakerExecutor}) with its constructor that takes the {@link
 * StepEnvironment} or, for an executor that needs nothing of it, with the one that takes nothing.
 * Adding a step type therefore needs no registration here: an {@link ActionKind} in the language
 * and its executor in this package.
 *
 * <p>Executors are package-private; the worker, the tests and any embedding get them through {@link
 * dev.runbooks.activities.ActionActivities#ActionActivities(StepEnvironment)}, which calls {@link
 * #create(StepEnvironment)}.
 */
public final class StepExecutors {
  private StepExecutors() {}

  /**
   * One executor for each action step type, by type, sorted.
   *
   * @throws IllegalStateException when a type has no executor, or its executor claims another type
   * @throws IllegalArgumentException when the environment is unusable (such as an API URL that is
   *     not an absolute http(s) URL)
   */
  public static Map<String, StepExecutor> create(StepEnvironment env) {
    Map<String, StepExecutor> executors = new TreeMap<>();
    for (ActionKind kind : ActionKinds.all()) {
      executors.put(kind.name(), create(kind.name(), env));
    }
    return Collections.unmodifiableMap(executors);
  }

  /**
   * The executor of one action step type.
   *
   * @throws IllegalArgumentException when the language knows no such step type
   * @throws IllegalStateException when the type has no executor, or its executor claims another
   *     type
   */
  public static StepExecutor create(String type, StepEnvironment env) {
    if (!ActionKinds.isAction(type)) {
      throw new IllegalArgumentException("'" + type + "' is not an action step type");
    }
    String name = className(type);
    Constructor<? extends StepExecutor> constructor;
    try {
      Class<?> found = Class.forName(name, true, StepExecutors.class.getClassLoader());
      if (!StepExecutor.class.isAssignableFrom(found)) {
        throw new IllegalStateException(name + " does not implement StepExecutor");
      }
      constructor = constructorOf(found.asSubclass(StepExecutor.class));
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      throw new IllegalStateException(
          "step type '"
              + type
              + "' has no executor: expected "
              + name
              + " with a constructor taking a StepEnvironment or nothing",
          e);
    }
    StepExecutor executor;
    try {
      executor =
          constructor.getParameterCount() == 0
              ? constructor.newInstance()
              : constructor.newInstance(env);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("cannot build " + name, e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + name, e);
    }
    if (!type.equals(executor.type())) {
      throw new IllegalStateException(
          name + " claims step type '" + executor.type() + "', not '" + type + "'");
    }
    return executor;
  }

  /** The constructor taking the environment, else the one taking nothing. */
  private static <T extends StepExecutor> Constructor<T> constructorOf(Class<T> executor)
      throws NoSuchMethodException {
    try {
      return executor.getDeclaredConstructor(StepEnvironment.class);
    } catch (NoSuchMethodException e) {
      return executor.getDeclaredConstructor();
    }
  }

  /**
   * The executor class of a step type: {@code circuitBreaker} is {@code CircuitBreakerExecutor}.
   */
  static String className(String type) {
    if (type.isEmpty()) {
      throw new IllegalArgumentException("empty step type");
    }
    return StepExecutors.class.getPackageName()
        + "."
        + Character.toUpperCase(type.charAt(0))
        + type.substring(1)
        + "Executor";
  }
}
