package dev.runbooks.starter.ui.internal;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Where the page loads Mermaid from: the {@code org.webjars.npm:mermaid} WebJar on the class path,
 * served by Spring under {@code /webjars/}. Without it the graphs stay Mermaid text.
 */
final class MermaidAsset {
  private static final Logger log = LoggerFactory.getLogger(MermaidAsset.class);
  private static final Pattern VERSION =
      Pattern.compile("/webjars/mermaid/([^/]+)/dist/mermaid\\.min\\.js$");

  private MermaidAsset() {}

  /** The script's path, such as {@code /webjars/mermaid/11.14.0/dist/mermaid.min.js}, or null. */
  static String find(ClassLoader loader) {
    try {
      Resource[] found =
          new PathMatchingResourcePatternResolver(loader)
              .getResources("classpath*:META-INF/resources/webjars/mermaid/*/dist/mermaid.min.js");
      for (Resource resource : found) {
        Matcher m = VERSION.matcher(resource.getURL().toString());
        if (m.find()) {
          return "/webjars/mermaid/" + m.group(1) + "/dist/mermaid.min.js";
        }
      }
    } catch (IOException e) {
      log.warn("cannot look for the Mermaid WebJar; graphs are shown as text", e);
      return null;
    }
    log.warn("no Mermaid WebJar on the class path; graphs are shown as text");
    return null;
  }
}
