package dev.runbooks.bench.compiler;

/**
 * Generates a runbook of many steps for the compiler benchmark: a repeating mix of what real
 * runbooks hold. Each group of five steps has an HTTP probe with an expectation, outputs and a
 * retry; a log line templating the probe's outputs; a {@code switch} on a CEL condition with a step
 * in a case and one in the default; and a {@code waitUntil} with a probe.
 */
public final class LargeRunbook {
  private LargeRunbook() {}

  /** A runbook of exactly {@code steps} steps (nested ones included), a multiple of five. */
  public static String generate(int steps) {
    if (steps <= 0 || steps % 5 != 0) {
      throw new IllegalArgumentException("steps must be a positive multiple of 5: " + steps);
    }
    StringBuilder y = new StringBuilder();
    y.append(
        """
        apiVersion: runbooks.dev/v1
        kind: Runbook
        metadata:
          name: bench-large
          title: Benchmark - a large generated runbook
          owner: bench
          severity: info
        inputs:
          base_url:
            type: string
            default: http://127.0.0.1:9
          threshold:
            type: int
            default: 3
        steps:
        """);
    for (int g = 0; g < steps / 5; g++) {
      y.append(
          """
            - id: probe_%1$d
              name: Probe service %1$d
              http:
                url: ${{ inputs.base_url }}/service/%1$d/health
                timeout: 2s
                expect:
                  status: [200, 503]
                  body: has(result.body.ok)
              retry: {maxAttempts: 3, initialInterval: 100ms}
              outputs:
                ok: result.body.ok
                millis: result.durationMs
            - id: note_%1$d
              log: "service %1$d ok=${{ steps.probe_%1$d.outputs.ok }} in ${{ steps.probe_%1$d.outputs.millis }} ms"
            - id: decide_%1$d
              switch:
                cases:
                  - when: steps.probe_%1$d.outputs.ok && inputs.threshold > %2$d
                    steps:
                      - id: fine_%1$d
                        log: service %1$d is fine
                default:
                  - id: settle_%1$d
                    waitUntil:
                      probe:
                        http:
                          url: ${{ inputs.base_url }}/service/%1$d/ready
                          expect: {status: [200, 503]}
                      condition: result.body.ok == true
                      interval: 200ms
                      deadline: 5s
                      onTimeout: continue
          """
              .formatted(g, g % 7));
    }
    return y.toString();
  }
}
