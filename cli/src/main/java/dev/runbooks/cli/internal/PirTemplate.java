package dev.runbooks.cli.internal;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import dev.runbooks.language.RunbookException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A post-incident review template: Mustache (jmustache), filled from {@link PirReport#model()}. The
 * values are escaped for Markdown: {@code |} (which would end a table cell) as {@code \|}, line
 * breaks as spaces and {@code <} as {@code &lt;} (no HTML from a run's outputs reaches the
 * document); {@code {{{triple}}}} braces write a value as is. A missing variable is an error, which
 * names the template and its line.
 */
public final class PirTemplate {
  /** The resource of the default template. */
  public static final String DEFAULT = "pir.md.mustache";

  private static final Mustache.Escaper MARKDOWN =
      Escapers.simple(
          new String[][] {{"|", "\\|"}, {"\r\n", " "}, {"\n", " "}, {"\r", " "}, {"<", "&lt;"}});

  private final String name;
  private final Template template;

  private PirTemplate(String name, String text) {
    this.name = name;
    try {
      this.template =
          Mustache.compiler()
              .withEscaper(MARKDOWN)
              .emptyStringIsFalse(true)
              .zeroIsFalse(false)
              .nullValue("")
              .compile(text);
    } catch (MustacheException e) {
      throw new TemplateException(located(name, e));
    }
  }

  /** The default template, a resource of the CLI. */
  public static PirTemplate standard() {
    try (InputStream in = PirTemplate.class.getResourceAsStream(DEFAULT)) {
      if (in == null) {
        throw new IllegalStateException("the CLI jar lacks its resource " + DEFAULT);
      }
      return new PirTemplate(DEFAULT, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A team's own template from a file.
   *
   * @throws TemplateException when the file cannot be read or is not a valid template
   */
  public static PirTemplate read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new TemplateException(file + ": cannot read the template: " + e.getMessage());
    }
    return new PirTemplate(file.toString(), text);
  }

  /**
   * The template filled with a model.
   *
   * @throws TemplateException when the template names a variable the model lacks
   */
  public String render(Map<String, Object> model) {
    try {
      return template.execute(model);
    } catch (MustacheException e) {
      throw new TemplateException(located(name, e));
    }
  }

  private static String located(String name, MustacheException e) {
    int line = e instanceof MustacheException.Context c ? c.lineNo : -1;
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    return name + (line > 0 ? ":" + line : "") + ": template error: " + message;
  }

  /** A template that cannot be read, parsed or filled: the message names the file and line. */
  public static final class TemplateException extends RunbookException {
    private static final long serialVersionUID = 1L;

    TemplateException(String message) {
      super(message);
    }
  }
}
