package dev.runbooks.worker.codec;

import dev.runbooks.starter.security.RunbookSecurityProperties;
import dev.runbooks.starter.security.internal.ApiTokens;
import dev.runbooks.starter.security.internal.RoleMapper;
import dev.runbooks.worker.internal.DevSwitch;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The codec server ({@link CodecServerProperties}), when {@code runbook.codec.server.port} is set.
 * Start-up fails, naming the property, when payload encryption is off (nothing to decode) or when
 * {@code auth: none} is asked for without the dev switch.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("${runbook.codec.server.port:0} > 0")
public class CodecServerConfiguration {
  private static final Logger log = LoggerFactory.getLogger(CodecServerConfiguration.class);

  @Bean
  CodecServer runbookCodecServer(
      CodecProperties codec,
      CodecServerProperties server,
      WorkflowClient client,
      Environment environment,
      ObjectProvider<ApiTokens> tokens,
      ObjectProvider<RunbookSecurityProperties> security,
      ObjectProvider<RoleMapper> roles,
      ObjectProvider<MeterRegistry> registry) {
    // The namespace the client uses: runbook.temporal.namespace, else TEMPORAL_NAMESPACE, else
    // the default.
    return runbookCodecServer(
        codec,
        server,
        client.getOptions().getNamespace(),
        environment,
        tokens,
        security,
        roles,
        registry);
  }

  CodecServer runbookCodecServer(
      CodecProperties codec,
      CodecServerProperties server,
      String namespace,
      Environment environment,
      ObjectProvider<ApiTokens> tokens,
      ObjectProvider<RunbookSecurityProperties> security,
      ObjectProvider<RoleMapper> roles,
      ObjectProvider<MeterRegistry> registry) {
    if (!codec.enabled()) {
      throw new IllegalStateException(
          "runbook.codec.server.port is set but payload encryption is off: set"
              + " runbook.codec.active-key and runbook.codec.keys.<id> (RUNBOOK_CODEC_ACTIVE_KEY,"
              + " RUNBOOK_CODEC_KEYS_<ID>), or unset runbook.codec.server.port");
    }
    CodecAccess access;
    String description;
    if (server.auth() == CodecServerProperties.Auth.NONE) {
      if (!DevSwitch.enabled(environment)) {
        throw new IllegalStateException(
            "runbook.codec.server.auth=none lets anybody who reaches the port decrypt payloads,"
                + " and is allowed only with the dev switch runbook.dev.enabled=true"
                + " (RUNBOOK_DEV_ENABLED=true); use runbook.codec.server.auth=token outside"
                + " development");
      }
      log.warn(
          "runbook.codec.server.auth=none (dev): anybody who reaches the codec server can decrypt"
              + " payloads");
      access = CodecAccess.open();
      description = "no authentication (dev)";
    } else {
      access = CodecAccess.tokens(tokens.getObject(), security.getObject(), roles.getObject());
      description = "bearer API tokens or OIDC JWTs; decode needs viewer, encode operator";
    }
    CodecHandler handler =
        new CodecHandler(
            codec.codec(),
            access,
            namespace,
            server.corsOrigins(),
            server.maxBodySize().toBytes(),
            new CodecMetrics(registry.getIfAvailable()));
    return new CodecServer(
        server,
        handler,
        description + ", namespace '" + namespace + "', CORS " + server.corsOrigins());
  }
}
