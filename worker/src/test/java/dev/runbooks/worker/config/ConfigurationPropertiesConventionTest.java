package dev.runbooks.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;
import org.springframework.validation.annotation.Validated;

/**
 * Every settings type of the engine ({@code @ConfigurationProperties} under {@code dev.runbooks})
 * is {@code @Validated}, so that its constraints stop start-up, and its module runs the
 * configuration processor, so that its keys have metadata.
 */
class ConfigurationPropertiesConventionTest {

  @Test
  void everySettingsTypeIsValidatedAndHasMetadata() throws ClassNotFoundException {
    ClassPathScanningCandidateComponentProvider scanner =
        new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
    List<Class<?>> types = new ArrayList<>();
    for (BeanDefinition candidate : scanner.findCandidateComponents("dev.runbooks")) {
      types.add(ClassUtils.forName(candidate.getBeanClassName(), getClass().getClassLoader()));
    }
    assertThat(types).hasSizeGreaterThan(10);
    RunbookMetadata metadata = RunbookMetadata.load();
    for (Class<?> type : types) {
      assertThat(AnnotatedElementUtils.hasAnnotation(type, Validated.class))
          .as(type.getName() + " is @Validated")
          .isTrue();
      ConfigurationProperties annotation =
          AnnotatedElementUtils.findMergedAnnotation(type, ConfigurationProperties.class);
      String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
      assertThat(metadata.properties().keySet())
          .as(
              type.getName()
                  + " has metadata: its module needs spring-boot-configuration-processor in"
                  + " maven-compiler-plugin's annotationProcessorPaths")
          .anyMatch(name -> name.startsWith(prefix + "."));
    }
  }
}
