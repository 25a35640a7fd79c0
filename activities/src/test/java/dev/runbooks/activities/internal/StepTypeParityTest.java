package dev.runbooks.activities.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.runbooks.activities.StepEnvironment;
import dev.runbooks.activities.StepExecutor;
import dev.runbooks.language.steps.ActionKind;
import dev.runbooks.language.steps.ActionKinds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every action step type the language knows has exactly one executor, built by {@link
 * StepExecutors}, and every executor has a step type; the docs and the editor schema list them all.
 */
class StepTypeParityTest {
  private static final Path LANGUAGE_DOC = Path.of("../docs/runbook-language.md");
  private static final Path SCHEMA = Path.of("../runbooks-yaml/schema/runbook.schema.json");

  private static Set<String> kindNames() {
    return ActionKinds.all().stream().map(ActionKind::name).collect(Collectors.toSet());
  }

  /** The executor classes in the production code of the activities module. */
  private static List<JavaClass> executorClasses() {
    return new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.runbooks.activities")
            .stream()
            .filter(c -> c.isAssignableTo(StepExecutor.class))
            .filter(c -> !c.isInterface() && !c.getModifiers().contains(JavaModifier.ABSTRACT))
            .toList();
  }

  @Test
  void everyActionKindHasItsExecutorFromTheFactory() {
    Map<String, StepExecutor> executors = StepExecutors.create(StepEnvironment.defaults());

    assertThat(executors.keySet()).containsExactlyInAnyOrderElementsOf(kindNames());
    executors.forEach(
        (type, executor) -> {
          assertThat(executor.type()).isEqualTo(type);
          assertThat(executor.getClass().getName()).isEqualTo(StepExecutors.className(type));
        });
  }

  @Test
  void theFactoryBuildsNothingForATypeTheLanguageDoesNotKnow() {
    assertThatThrownBy(() -> StepExecutors.create("inMemory", StepEnvironment.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'inMemory' is not an action step type");
  }

  @Test
  void theFactoryPassesTheEnvironmentOn() {
    assertThatThrownBy(
            () -> StepExecutors.create("escalate", StepEnvironment.defaults().withApiUrl("api")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("runbook.api.public-url");
  }

  @Test
  void everyExecutorHasAnActionKindAndIsBuiltByTheFactoryAlone() {
    List<JavaClass> classes = executorClasses();
    Set<String> types = new TreeSet<>();
    for (JavaClass c : classes) {
      String simple = c.getSimpleName();
      assertThat(simple).as(c.getName()).endsWith("Executor");
      String type =
          Character.toLowerCase(simple.charAt(0))
              + simple.substring(1, simple.length() - "Executor".length());
      assertThat(kindNames()).as("the ActionKind of " + c.getName()).contains(type);
      assertThat(c.getName()).isEqualTo(StepExecutors.className(type));
      assertThat(types.add(type)).as("a second executor of " + type).isTrue();
      assertThat(c.getModifiers()).as(c.getName()).doesNotContain(JavaModifier.PUBLIC);
      assertThat(c.getConstructors())
          .as(c.getName() + " has no public constructor")
          .noneMatch(k -> k.getModifiers().contains(JavaModifier.PUBLIC));
      assertThat(c.tryGetConstructor(StepEnvironment.class).or(() -> c.tryGetConstructor()))
          .as(c.getName() + "(StepEnvironment) or " + c.getName() + "()")
          .isPresent();
    }
    assertThat(types).containsExactlyInAnyOrderElementsOf(kindNames());
  }

  @Test
  void theLanguageReferenceHasASectionForEveryStepType() throws IOException {
    String doc = Files.readString(LANGUAGE_DOC).replaceAll("(?ms)^```.*?^```", "");
    Set<String> documented = new TreeSet<>();
    for (String section :
        List.of(section(doc, "### Action steps"), section(doc, "## Remediation steps"))) {
      Matcher heading = Pattern.compile("(?m)^#{3,4} `(\\w+)`$").matcher(section);
      while (heading.find()) {
        documented.add(heading.group(1));
      }
    }

    assertThat(documented).containsExactlyInAnyOrderElementsOf(kindNames());
  }

  @Test
  void theEditorSchemaHasADefinitionForEveryStepType() throws IOException {
    String schema = Files.readString(SCHEMA);

    for (String kind : kindNames()) {
      assertThat(schema).as(kind).contains("\"action-" + kind + "\"");
    }
  }

  /**
   * The text from a heading to the next heading of the same or a higher level (in a document whose
   * code blocks are removed).
   */
  private static String section(String doc, String heading) {
    int start = doc.indexOf("\n" + heading + "\n");
    assertThat(start).as(heading).isNotNegative();
    String level = heading.substring(0, heading.indexOf(' ') + 1);
    Matcher next = Pattern.compile("(?m)^#{1," + (level.length() - 1) + "} ").matcher(doc);
    int end = next.find(start + heading.length() + 2) ? next.start() : doc.length();
    return doc.substring(start, end);
  }
}
