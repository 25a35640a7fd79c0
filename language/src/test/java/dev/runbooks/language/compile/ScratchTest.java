package dev.runbooks.language.compile;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ScratchTest {
  @Test
  void print() throws Exception {
    String f = System.getProperty("scratch");
    if (f == null) {
      return;
    }
    var c = RunbookCompiler.standard().compile(Path.of(f));
    c.problems().forEach(System.out::println);
    if (c.ok()) {
      System.out.println("OK " + c.runbook().version() + " " + c.runbook().stepsById().keySet());
    }
    Files.writeString(Path.of("/tmp/schema.json"), RunbookSchema.json());
  }
}
