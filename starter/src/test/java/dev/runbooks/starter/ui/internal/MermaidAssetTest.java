package dev.runbooks.starter.ui.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

class MermaidAssetTest {
  @Test
  void findsTheWebJarsScript() {
    assertThat(MermaidAsset.find(MermaidAssetTest.class.getClassLoader()))
        .matches("/webjars/mermaid/[0-9.]+/dist/mermaid\\.min\\.js");
  }

  @Test
  void isNullWithoutTheWebJar() throws Exception {
    try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
      assertThat(MermaidAsset.find(empty)).isNull();
    }
  }
}
