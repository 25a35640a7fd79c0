package dev.runbooks.starter.effectiveness;

import dev.runbooks.language.catalog.RunbookCatalog;
import dev.runbooks.starter.PeriodicTask;
import dev.runbooks.starter.effectiveness.internal.EffectivenessEvaluator;
import dev.runbooks.starter.effectiveness.internal.EffectivenessStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The runbooks' effectiveness, beside the intake (it reads the inbox's database): the verdict store
 * and the evaluator that decides verdicts and publishes {@code runbook_effectiveness_*}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EffectivenessProperties.class)
public class EffectivenessConfiguration {
  @Bean
  EffectivenessStore effectivenessStore(Jdbi intakeJdbi) {
    return new EffectivenessStore(intakeJdbi);
  }

  @Bean
  EffectivenessEvaluator effectivenessEvaluator(
      EffectivenessStore effectivenessStore,
      RunbookCatalog catalog,
      EffectivenessProperties properties,
      ObjectProvider<MeterRegistry> registry) {
    return new EffectivenessEvaluator(
        effectivenessStore,
        catalog,
        properties,
        registry.getIfAvailable(SimpleMeterRegistry::new),
        Clock.systemUTC());
  }

  /** Evaluates at start-up and then every {@code runbook.effectiveness.interval}, when enabled. */
  @Bean
  PeriodicTask effectivenessEvaluation(
      EffectivenessEvaluator effectivenessEvaluator, EffectivenessProperties properties) {
    return new PeriodicTask(
        "runbook-effectiveness",
        properties.enabled() ? properties.interval() : Duration.ZERO,
        effectivenessEvaluator::evaluate);
  }
}
