package dev.runbooks.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import io.temporal.workflow.Workflow;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Everything the workflow thread runs, the compiler included, is deterministic: no threads,
 * parallel streams, clocks, randomness, environment or I/O ({@link DeterminismRules}). The rules
 * are shown to bite on a planted parallel stream in the compiler's package, and their scope is
 * checked against the language classes the interpreter actually reaches.
 */
class WorkflowDeterminismTest {
  private static JavaClasses shipped;

  @BeforeAll
  static void importShippedClasses() {
    shipped =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.runbooks.workflows", "dev.runbooks.api", "dev.runbooks.language");
  }

  @TestFactory
  Stream<DynamicTest> shippedWorkflowCodeKeepsEveryRule() {
    return DeterminismRules.ALL.stream()
        .map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(shipped)));
  }

  @Test
  void aPlantedParallelStreamInTheCompilerFailsTheRule() {
    JavaClasses planted =
        new ClassFileImporter()
            .importClasses(dev.runbooks.language.compile.PlantedParallelCheck.class);

    EvaluationResult result = DeterminismRules.NO_PARALLEL_STREAMS.evaluate(planted);

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().getDetails())
        .singleElement()
        .asString()
        .contains("PlantedParallelCheck.nonBlank(java.util.List)")
        .contains("parallelStream()");
    assertThatThrownBy(() -> DeterminismRules.NO_PARALLEL_STREAMS.check(planted))
        .isInstanceOf(AssertionError.class);
    for (ArchRule other : DeterminismRules.ALL) {
      if (other != DeterminismRules.NO_PARALLEL_STREAMS) {
        assertThat(other.evaluate(planted).hasViolation()).as(other.getDescription()).isFalse();
      }
    }
  }

  /** Change ids live in one registry: only {@link ChangeId} asks {@code Workflow.getVersion}. */
  @Test
  void onlyTheChangeIdRegistryAsksForVersions() {
    ArchRuleDefinition.noClasses()
        .that()
        .resideInAnyPackage(DeterminismRules.SCOPE.toArray(new String[0]))
        .and()
        .doNotBelongToAnyOf(ChangeId.class)
        .should()
        .callMethod(Workflow.class, "getVersion", String.class, int.class, int.class)
        .because("every change id is registered in ChangeId, with its replay fixture")
        .check(shipped);
  }

  /**
   * The rules' scope holds every language class the interpreter reaches, directly or through
   * others: a new dependency of the workflow thread on another language package fails here until
   * the package is added to {@link DeterminismRules#SCOPE} (and keeps its rules).
   */
  @Test
  void theScopeCoversEveryLanguageClassTheInterpreterReaches() {
    Deque<JavaClass> todo = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    for (JavaClass c : shipped) {
      if (c.getPackageName().startsWith("dev.runbooks.workflows") && seen.add(c.getName())) {
        todo.add(c);
      }
    }
    Set<String> packages = new TreeSet<>();
    while (!todo.isEmpty()) {
      for (Dependency d : todo.poll().getDirectDependenciesFromSelf()) {
        JavaClass target = d.getTargetClass().getBaseComponentType();
        if (target.getPackageName().startsWith("dev.runbooks.") && seen.add(target.getName())) {
          packages.add(target.getPackageName());
          todo.add(shipped.contain(target.getName()) ? shipped.get(target.getName()) : target);
        }
      }
    }
    assertThat(packages).contains("dev.runbooks.language.compile", "dev.runbooks.language.expr");
    assertThat(packages)
        .as("packages the workflow thread reaches")
        .allSatisfy(p -> assertThat(inScope(p)).as(p).isTrue())
        .doesNotContain(
            "dev.runbooks.language.catalog",
            "dev.runbooks.language.graph",
            "dev.runbooks.language.routing");
  }

  private static boolean inScope(String pkg) {
    return DeterminismRules.SCOPE.stream()
        .anyMatch(
            s ->
                s.endsWith("..")
                    ? pkg.equals(s.substring(0, s.length() - 2))
                        || pkg.startsWith(s.substring(0, s.length() - 1))
                    : pkg.equals(s));
  }
}
