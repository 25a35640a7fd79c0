package dev.runbooks.worker.internal;

import dev.runbooks.activities.StepEnvironment;
import dev.runbooks.api.DecisionSeal;
import dev.runbooks.language.catalog.RunbookCatalog;
import dev.runbooks.starter.tracing.RunbookTracing;
import dev.runbooks.worker.TemporalProperties;
import dev.runbooks.worker.tracing.TemporalTracing;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Temporal side of the process: the service stubs (connecting to the embedded test server of
 * the dev configuration when there is one), the client the API uses, and the worker that runs every
 * runbook.
 */
@Configuration(proxyBeanMethods = false)
public class TemporalConfiguration {

  /**
   * Where and how to reach Temporal: {@code runbook.temporal.*}, else Temporal's environment
   * variables, else the defaults.
   */
  @Bean
  TemporalConnection temporalConnection(TemporalProperties properties) {
    return TemporalConnection.resolve(properties);
  }

  /**
   * The service stubs (target, TLS, API key from {@link TemporalConnection}); their metrics scope
   * (see {@code MetricsConfiguration}) carries Temporal's metrics and the interpreter's to the
   * application's Micrometer registry.
   */
  @Bean(destroyMethod = "shutdown")
  WorkflowServiceStubs workflowServiceStubs(
      TemporalConnection connection,
      ObjectProvider<DevTemporal> embedded,
      com.uber.m3.tally.Scope temporalMetricsScope) {
    embedded.ifAvailable(server -> {}); // the embedded server must listen before we connect
    return WorkflowServiceStubs.newServiceStubs(
        connection
            .configure(WorkflowServiceStubsOptions.newBuilder())
            .setMetricsScope(temporalMetricsScope)
            .build());
  }

  @Bean
  WorkflowClient workflowClient(
      WorkflowServiceStubs stubs,
      TemporalConnection connection,
      io.temporal.common.converter.DataConverter runbookDataConverter,
      ObjectProvider<RunbookTracing> tracing) {
    return WorkflowClient.newInstance(
        stubs,
        WorkflowClientOptions.newBuilder()
            .setNamespace(connection.namespace())
            .setDataConverter(runbookDataConverter)
            .setInterceptors(
                TemporalTracing.clientInterceptors(tracing.getIfAvailable(RunbookTracing::off)))
            .build());
  }

  /**
   * The worker factory, with {@code runbook.temporal.worker.workflow-cache-size} and, when tracing
   * is on, the tracing interceptors.
   */
  @Bean
  WorkerFactory workerFactory(
      WorkflowClient client,
      TemporalProperties properties,
      ObjectProvider<RunbookTracing> tracing) {
    return WorkerFactory.newInstance(
        client,
        WorkerFactoryOptions.newBuilder(properties.worker().factoryOptions())
            .setWorkerInterceptors(
                TemporalTracing.workerInterceptors(tracing.getIfAvailable(RunbookTracing::off)))
            .validateAndBuildWithDefaults());
  }

  /**
   * The Temporal worker polling the {@code runbooks} task queue. Off with {@code
   * runbook.worker.enabled=false}, for instances that only serve the API and the alert webhooks
   * (the "starter" role of the production compose file), so that API and workers scale apart.
   */
  @Bean
  @ConditionalOnProperty(
      name = "runbook.worker.enabled",
      havingValue = "true",
      matchIfMissing = true)
  RunbookWorker runbookWorker(
      WorkerFactory factory,
      RunbookCatalog catalog,
      TemporalProperties properties,
      TemporalConnection connection,
      StepEnvironment steps,
      DecisionSeal seal,
      org.springframework.beans.factory.ObjectProvider<dev.runbooks.workflows.GuardRailActivities>
          guardRails) {
    return new RunbookWorker(
        factory,
        catalog,
        properties,
        connection,
        steps,
        new AuditActivitiesImpl(steps.audit()),
        seal,
        guardRails.getIfAvailable(
            () -> new dev.runbooks.workflows.MemoryGuardRails(System::currentTimeMillis)));
  }

  @Bean
  TemporalHealthIndicator temporalHealthIndicator(
      WorkflowServiceStubs stubs, TemporalProperties properties, TemporalConnection connection) {
    return new TemporalHealthIndicator(stubs, properties, connection);
  }
}
