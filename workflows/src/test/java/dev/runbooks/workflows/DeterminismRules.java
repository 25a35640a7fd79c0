package dev.runbooks.workflows;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.util.List;
import java.util.Set;

/**
 * The determinism rules of everything the workflow thread runs: the interpreter ({@code
 * dev.runbooks.workflows..}) and the language packages it calls, the compiler included (a run
 * compiles its pinned source in the workflow thread when the plan cache misses). Each rule forbids
 * what a replay cannot reproduce: other threads, parallel streams, clocks, randomness, the process
 * environment, and file or network I/O. Temporal's own APIs ({@code Workflow.currentTimeMillis},
 * {@code Workflow.sideEffect}, activities) are the way to get those in workflow code.
 *
 * <p>The rules look at what code executes: method and constructor calls, method references and
 * field accesses, each checked against its origin so that an exception can be as narrow as one
 * method. The exceptions below are the whole list, each with its reason.
 */
final class DeterminismRules {
  private DeterminismRules() {}

  /** The packages the workflow thread runs code from; {@code WorkflowDeterminismTest} checks it. */
  static final List<String> SCOPE =
      List.of(
          "dev.runbooks.workflows..",
          "dev.runbooks.api..", // the run contract the interpreter builds (records, enums, waits)
          "dev.runbooks.language", // Durations, Regexes
          "dev.runbooks.language.compile..",
          "dev.runbooks.language.expr..",
          "dev.runbooks.language.inputs..",
          "dev.runbooks.language.model..",
          "dev.runbooks.language.parse..",
          "dev.runbooks.language.steps..",
          "dev.runbooks.language.targets..",
          "dev.runbooks.language.types..");

  /**
   * Code in scope that may do what the rules forbid, as {@code Class.method}: never reached from
   * the workflow thread, or harmless there for the reason given.
   */
  private static final Set<String> EXEMPT =
      Set.of(
          // Reads a runbook file for the catalog and the CLI (RunbookCompiler.compile(Path)). The
          // workflow thread compiles the text its RunbookSourceActivities.load activity returned.
          "dev.runbooks.language.parse.SourceFiles.read",
          "dev.runbooks.language.parse.SourceFiles.sizeOf",
          // The build writes the JSON schema of runbooks with it (a main method).
          "dev.runbooks.language.compile.SchemaWriter.main",
          // InetAddress.getByName of a text already checked to be an IP literal: parsing, no DNS.
          "dev.runbooks.language.targets.TargetRule$Cidr.literal",
          "dev.runbooks.language.targets.TargetPolicy.address");

  /**
   * {@code java.util.concurrent} types that are plain data structures, with no threads of their
   * own; {@code java.util.concurrent.atomic} (PlanCache's counter) is allowed as a whole.
   */
  private static final Set<String> CONCURRENT_DATA =
      Set.of(
          // Caches shared by the workflow threads of one worker (PlanCache, Expressions, Regexes,
          // ExpressionCheck): thread-safe maps, they start no thread. Their parallel bulk methods
          // (forEach/search/reduce with a parallelism threshold) are forbidden below.
          "java.util.concurrent.ConcurrentHashMap",
          "java.util.concurrent.ConcurrentHashMap$KeySetView",
          "java.util.concurrent.ConcurrentMap",
          "java.util.concurrent.TimeUnit");

  static final ArchRule NO_THREADS =
      rule(
          "start or touch threads or executors",
          access(
              "Thread, a java.util.concurrent executor, future, lock or ForkJoin",
              a ->
                  owner(a).isAssignableTo(Thread.class)
                      || owner(a).isAssignableTo(ThreadGroup.class)
                      || (owner(a).getPackageName().startsWith("java.util.concurrent")
                          && !owner(a).getPackageName().equals("java.util.concurrent.atomic")
                          && !CONCURRENT_DATA.contains(owner(a).getName()))
                      || (owner(a).getName().equals("java.util.concurrent.ConcurrentHashMap")
                          && isParallelBulk(a))));

  static final ArchRule NO_PARALLEL_STREAMS =
      rule(
          "use parallel streams or parallel array operations",
          access(
              "Collection.parallelStream, BaseStream.parallel or Arrays.parallel*",
              a ->
                  (name(a).equals("parallelStream")
                          && owner(a).isAssignableTo(java.util.Collection.class))
                      || (name(a).equals("parallel")
                          && owner(a).isAssignableTo(java.util.stream.BaseStream.class))
                      || (owner(a).isEquivalentTo(java.util.Arrays.class)
                          && name(a).startsWith("parallel"))
                      || (owner(a).isEquivalentTo(java.util.stream.StreamSupport.class)
                          && a.getTarget().getFullName().endsWith("boolean)"))));

  static final ArchRule NO_CLOCKS =
      rule(
          "read a clock (use Workflow.currentTimeMillis)",
          access(
              "System.currentTimeMillis/nanoTime, java.time now(), Clock, new Date()",
              a ->
                  (owner(a).isEquivalentTo(System.class)
                          && Set.of("currentTimeMillis", "nanoTime").contains(name(a)))
                      || (owner(a).getPackageName().equals("java.time") && name(a).equals("now"))
                      || owner(a).isAssignableTo(java.time.InstantSource.class)
                      || (owner(a).isEquivalentTo(java.util.Date.class)
                          && a.getTarget().getFullName().equals("java.util.Date.<init>()"))
                      || (owner(a).isAssignableTo(java.util.Calendar.class)
                          && name(a).equals("getInstance"))));

  static final ArchRule NO_RANDOMNESS =
      rule(
          "use randomness (use Workflow.newRandom or Workflow.randomUUID)",
          access(
              "Math.random, java.util.Random, SecureRandom, SplittableRandom, UUID.randomUUID",
              a ->
                  ((owner(a).isEquivalentTo(Math.class)
                              || owner(a).isEquivalentTo(StrictMath.class))
                          && name(a).equals("random"))
                      || owner(a).isAssignableTo(java.util.Random.class)
                      || owner(a).isAssignableTo(java.util.SplittableRandom.class)
                      || (owner(a).isEquivalentTo(java.util.UUID.class)
                          && name(a).equals("randomUUID"))));

  static final ArchRule NO_ENVIRONMENT =
      rule(
          "read the process environment (workers may differ: pass settings in the run's input)",
          access(
              "System.getenv/getProperty, Integer.getInteger, Long.getLong, Boolean.getBoolean",
              a ->
                  (owner(a).isEquivalentTo(System.class)
                          && Set.of("getenv", "getProperty", "getProperties", "identityHashCode")
                              .contains(name(a)))
                      || (owner(a).isEquivalentTo(Integer.class) && name(a).equals("getInteger"))
                      || (owner(a).isEquivalentTo(Long.class) && name(a).equals("getLong"))
                      || (owner(a).isEquivalentTo(Boolean.class) && name(a).equals("getBoolean"))));

  static final ArchRule NO_IO =
      rule(
          "do file or network I/O (use an activity)",
          access(
              "java.io.File*, RandomAccessFile, java.nio.file.Files/FileSystems, java.nio.channels,"
                  + " java.net (but URI and IP-literal InetAddress values)",
              a ->
                  Set.of(
                              "java.io.File",
                              "java.io.FileInputStream",
                              "java.io.FileOutputStream",
                              "java.io.FileReader",
                              "java.io.FileWriter",
                              "java.io.RandomAccessFile",
                              "java.nio.file.Files",
                              "java.nio.file.FileSystems")
                          .contains(owner(a).getName())
                      || owner(a).getPackageName().startsWith("java.nio.channels")
                      || isNetwork(a)));

  /** Every rule, in the order the test reports them. */
  static final List<ArchRule> ALL =
      List.of(NO_THREADS, NO_PARALLEL_STREAMS, NO_CLOCKS, NO_RANDOMNESS, NO_ENVIRONMENT, NO_IO);

  private static boolean isNetwork(JavaAccess<?> a) {
    JavaClass owner = owner(a);
    if (!owner.getPackageName().startsWith("java.net")) {
      return false;
    }
    if (Set.of("java.net.URI", "java.net.URISyntaxException").contains(owner.getName())) {
      return false; // values: parsing a URI reads nothing
    }
    if (owner.isAssignableTo(java.net.InetAddress.class)) {
      // Holding and comparing addresses is pure; these look names up or probe the network.
      return Set.of(
              "getByName",
              "getAllByName",
              "getLocalHost",
              "getHostName",
              "getCanonicalHostName",
              "isReachable")
          .contains(name(a));
    }
    return true;
  }

  /** ConcurrentHashMap's bulk operations take a parallelism threshold and use ForkJoinPool. */
  private static boolean isParallelBulk(JavaAccess<?> a) {
    String n = name(a);
    return (n.startsWith("forEach") || n.startsWith("search") || n.startsWith("reduce"))
        && a.getTarget().getFullName().contains("(long");
  }

  private static JavaClass owner(JavaAccess<?> a) {
    return a.getTargetOwner();
  }

  private static String name(JavaAccess<?> a) {
    return a.getTarget().getName();
  }

  private static DescribedPredicate<JavaAccess<?>> access(
      String description, java.util.function.Predicate<JavaAccess<?>> test) {
    return DescribedPredicate.describe(description, test);
  }

  private static ArchRule rule(String what, DescribedPredicate<JavaAccess<?>> forbidden) {
    return ArchRuleDefinition.classes()
        .that()
        .resideInAnyPackage(SCOPE.toArray(new String[0]))
        .should(notAccess(forbidden))
        .as("code the workflow thread runs must not " + what)
        .allowEmptyShould(false);
  }

  private static ArchCondition<JavaClass> notAccess(DescribedPredicate<JavaAccess<?>> forbidden) {
    return new ArchCondition<>("not access " + forbidden.getDescription()) {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        for (JavaAccess<?> access : item.getAccessesFromSelf()) {
          if (forbidden.test(access) && !exempt(access.getOrigin())) {
            events.add(SimpleConditionEvent.violated(access, access.getDescription()));
          }
        }
      }
    };
  }

  /** Whether the access comes from an exempt method, or from a lambda written in one. */
  private static boolean exempt(JavaCodeUnit origin) {
    String owner = origin.getOwner().getName();
    String name = origin.getName();
    if (name.startsWith("lambda$")) {
      name = name.substring("lambda$".length(), name.lastIndexOf('$'));
    }
    return EXEMPT.contains(owner + "." + name);
  }
}
