package dev.runbooks.worker.internal;

import dev.runbooks.language.catalog.RunbookCatalog;
import dev.runbooks.worker.SchedulesProperties;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.common.converter.DataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Temporal Schedules of the runbooks' {@code schedules:}: a schedule client sharing the
 * worker's connection and data converter, and the {@link ScheduleSync} that reconciles after every
 * catalog reload. It starts once the application is ready, after the worker registered the search
 * attributes that scheduled runs carry.
 */
@Configuration(proxyBeanMethods = false)
public class ScheduleConfiguration {

  @Bean
  ScheduleClient scheduleClient(
      WorkflowServiceStubs stubs,
      TemporalConnection connection,
      DataConverter runbookDataConverter) {
    return ScheduleClient.newInstance(
        stubs,
        ScheduleClientOptions.newBuilder()
            .setNamespace(connection.namespace())
            .setDataConverter(runbookDataConverter)
            .build());
  }

  @Bean(destroyMethod = "close")
  ScheduleSync scheduleSync(
      ScheduleClient client,
      RunbookCatalog catalog,
      SchedulesProperties schedules,
      TemporalConnection temporal) {
    return new ScheduleSync(
        client,
        catalog::all,
        schedules.enabled(),
        schedules.resyncInterval(),
        temporal.target() + " namespace '" + temporal.namespace() + "'");
  }

  @Bean
  ApplicationListener<ApplicationReadyEvent> scheduleSyncStarter(ScheduleSync sync) {
    return event -> sync.activate();
  }
}
