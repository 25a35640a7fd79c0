package dev.runbooks.language.compile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the editor schema ({@link EditorSchema}: the generated runbook JSON Schema in draft-07
 * form with editor hints) to a file, for editors (yaml-language-server) and for the committed copy
 * at {@code runbooks-yaml/schema/runbook.schema.json}.
 */
public final class SchemaWriter {
  private SchemaWriter() {}

  /**
   * Writes the schema.
   *
   * @param args the output path (default {@code runbooks-yaml/schema/runbook.schema.json})
   */
  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "runbooks-yaml/schema/runbook.schema.json");
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    Files.writeString(out, EditorSchema.json(), StandardCharsets.UTF_8);
    System.out.println("wrote " + out.toAbsolutePath());
  }
}
