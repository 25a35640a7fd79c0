package dev.runbooks.language.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.language.model.Access;
import dev.runbooks.language.model.AccessAction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code access:} block reaches the compiled definition, action by action. */
class AccessCompileTest {
  @Test
  void theBlockIsBoundPerAction() throws IOException {
    String source =
        Files.readString(Path.of("src/test/resources/corpus/valid/access-per-action.yaml"));

    Compilation compilation = RunbookCompiler.standard().compile(source, "access-per-action.yaml");

    assertThat(compilation.ok()).isTrue();
    Access access = compilation.runbook().definition().access();
    assertThat(access.principals(AccessAction.START)).containsExactly("group:sre", "user:alice");
    assertThat(access.principals(AccessAction.APPROVE)).containsExactly("group:sre-leads");
    assertThat(access.principals(AccessAction.ABORT)).containsExactly("group:sre");
    assertThat(access.principals(AccessAction.ACKNOWLEDGE))
        .containsExactly("group:sre", "group:on-call");
    assertThat(access.restricts(AccessAction.START)).isTrue();
  }

  @Test
  void withoutTheBlockNoActionIsRestricted() {
    String source =
        """
        apiVersion: runbooks.dev/v1
        kind: Runbook
        metadata:
          name: open-runbook
        access:
          abort: [group:sre]
        steps:
          - id: report
            log: hi
        """;

    Access access =
        RunbookCompiler.standard().compile(source, "open.yaml").runbook().definition().access();

    assertThat(access.principals(AccessAction.START)).isEmpty();
    assertThat(access.restricts(AccessAction.START)).isFalse();
    assertThat(access.principals(AccessAction.ABORT)).isEqualTo(List.of("group:sre"));
    assertThat(Access.NONE.rules()).isEmpty();
  }
}
